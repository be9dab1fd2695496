import type { DbTransaction } from "../../db/client";
import { dialectOf } from "../../db/dialect";
import { timestampText } from "../../db/direct-sql";
import { refreshPlannerStatistics } from "../../db/planner-statistics";
import type { TProfileAttributes } from "../schemas";
import type { UnificationScope } from "../scope";

export type ProfileRow = {
  id: string;
  /** The standard attributes' columns. */
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  city: string | null;
  postalCode: string | null;
  country: string | null;
  birthDate: string | null;
  customAttributes: TProfileAttributes;
  searchText: string;
  sourceRecordCount: number;
  fingerprint: string;
  createdAt: Date;
  updatedAt: Date;
};

export type SourceRecordRow = {
  profileId: string;
  dataSourceId: string;
  dataSourceName: string;
  recordKey: string;
  attributes: TProfileAttributes;
  joinedByRuleId: string | null;
  joinedByRuleName: string | null;
  matchedDataSourceId: string | null;
  matchedRecordKey: string | null;
};

// Rows per statement: bounds one JSON parameter to a few MB.
const BATCH = 5_000;

const profileText = ["id", "email", "phone", "firstName", "lastName", "city", "postalCode", "country", "birthDate", "searchText", "fingerprint"] as const;
const recordText = ["profileId", "dataSourceId", "dataSourceName", "recordKey", "joinedByRuleId", "joinedByRuleName", "matchedDataSourceId", "matchedRecordKey"] as const;
const q = (name: string) => `"${name}"`;

// Each batch is ONE JSON array parameter that SQL unpacks (as lib/datasources/replace-rows.ts):
// one statement per 5,000 profiles instead of Prisma's createMany planning and binding each value.
// SQLite: each element is converted to JSONB once (the materialized CTE), so the many `->>` that
// follow read a binary value instead of parsing its text again each: half the time of reading
// `value` directly.
const insertProfiles = {
  sqlite: `WITH t AS MATERIALIZED (SELECT jsonb(value) AS j FROM json_each(?))
    INSERT INTO "CustomerProfile" (${[...profileText, "tenantId", "instanceId", "runId", "customAttributes", "sourceRecordCount", "createdAt", "updatedAt"].map(q).join(", ")})
    SELECT ${profileText.map((name) => `j ->> '$.${name}'`).join(", ")}, ?, ?, ?, json(j -> '$.customAttributes'), j ->> '$.sourceRecordCount',
      j ->> '$.createdAt', j ->> '$.updatedAt'
    FROM t`,
  postgresql: `INSERT INTO "CustomerProfile" (${[...profileText, "tenantId", "instanceId", "runId", "customAttributes", "sourceRecordCount", "createdAt", "updatedAt"].map(q).join(", ")})
    SELECT ${profileText.map((name) => `e ->> '${name}'`).join(", ")}, $1, $2, $3, e -> 'customAttributes', (e ->> 'sourceRecordCount')::int,
      (e ->> 'createdAt')::timestamp(3), (e ->> 'updatedAt')::timestamp(3)
    FROM jsonb_array_elements($4::jsonb) AS e`,
};

const insertRecords = {
  sqlite: `WITH t AS MATERIALIZED (SELECT jsonb(value) AS j FROM json_each(?))
    INSERT INTO "ProfileSourceRecord" (${[...recordText, "tenantId", "instanceId", "attributes"].map(q).join(", ")})
    SELECT ${recordText.map((name) => `j ->> '$.${name}'`).join(", ")}, ?, ?, json(j -> '$.attributes')
    FROM t`,
  postgresql: `INSERT INTO "ProfileSourceRecord" (${[...recordText, "tenantId", "instanceId", "attributes"].map(q).join(", ")})
    SELECT ${recordText.map((name) => `e ->> '${name}'`).join(", ")}, $1, $2, e -> 'attributes'
    FROM jsonb_array_elements($3::jsonb) AS e`,
};

// Every row of the instance but those of the profiles kept (a JSON array of their ids).
const keptIds = { sqlite: `(SELECT "value" FROM json_each(?))`, postgresql: `(SELECT json_array_elements_text($3::json))` };
const deleteRecords = {
  sqlite: `DELETE FROM "ProfileSourceRecord" WHERE "tenantId" = ? AND "instanceId" = ? AND "profileId" NOT IN ${keptIds.sqlite}`,
  postgresql: `DELETE FROM "ProfileSourceRecord" WHERE "tenantId" = $1 AND "instanceId" = $2 AND "profileId" NOT IN ${keptIds.postgresql}`,
};
const deleteProfiles = {
  sqlite: `DELETE FROM "CustomerProfile" WHERE "tenantId" = ? AND "instanceId" = ? AND "id" NOT IN ${keptIds.sqlite}`,
  postgresql: `DELETE FROM "CustomerProfile" WHERE "tenantId" = $1 AND "instanceId" = $2 AND "id" NOT IN ${keptIds.postgresql}`,
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Replaces every profile of the instance and their source records, inside the caller's
 * transaction (the run's final one): until it commits, readers see the previous profiles.
 * Profiles in `unchanged` are stored exactly as they would be written (same id, attributes and
 * records: their fingerprint says so), so they stay as they are: a rerun over unchanged data
 * writes next to nothing, and those profiles keep naming the run that wrote them.
 */
export const writeProfiles = async (
  tx: DbTransaction,
  scope: UnificationScope & { runId: string },
  allProfiles: readonly ProfileRow[],
  allRecords: readonly SourceRecordRow[],
  unchanged: readonly string[] = [],
) => {
  const dialect = dialectOf(tx);
  const { tenantId, instanceId, runId } = scope;
  const kept = new Set(unchanged);
  const keptJson = JSON.stringify(unchanged);
  await tx.$executeRawUnsafe(deleteRecords[dialect], tenantId, instanceId, keptJson);
  await tx.$executeRawUnsafe(deleteProfiles[dialect], tenantId, instanceId, keptJson);
  // In profile id order: SQLite then appends to the profiles' indexes, and to the records' index
  // on profileId whose foreign key check reads the profiles' in the same order, instead of
  // splitting pages all over them (random ids made the write several times slower once the
  // indexes outgrow the page cache); the profiles also lie in the order of the instance's index,
  // which segment counts and pages read.
  const profiles = (kept.size === 0 ? [...allProfiles] : allProfiles.filter((profile) => !kept.has(profile.id))).sort((a, b) => byText(a.id, b.id));
  const records = (kept.size === 0 ? [...allRecords] : allRecords.filter((record) => !kept.has(record.profileId))).sort((a, b) =>
    byText(a.profileId, b.profileId),
  );
  for (let start = 0; start < profiles.length; start += BATCH) {
    const batch = profiles.slice(start, start + BATCH).map((profile) => ({
      ...profile,
      createdAt: timestampText(dialect, profile.createdAt),
      updatedAt: timestampText(dialect, profile.updatedAt),
    }));
    const json = JSON.stringify(batch);
    await (dialect === "sqlite"
      ? tx.$executeRawUnsafe(insertProfiles.sqlite, json, tenantId, instanceId, runId)
      : tx.$executeRawUnsafe(insertProfiles.postgresql, tenantId, instanceId, runId, json));
  }
  for (let start = 0; start < records.length; start += BATCH) {
    const json = JSON.stringify(records.slice(start, start + BATCH));
    await (dialect === "sqlite"
      ? tx.$executeRawUnsafe(insertRecords.sqlite, json, tenantId, instanceId)
      : tx.$executeRawUnsafe(insertRecords.postgresql, tenantId, instanceId, json));
  }
  // Segments and measures count over the instance's profiles right after this (a full refresh).
  await refreshPlannerStatistics(tx, "CustomerProfile");
};
