import type { Db, DbTransaction } from "../../db/client";
import { dialectOf } from "../../db/dialect";
import { timestampText } from "../../db/direct-sql";
import { refreshPlannerStatistics } from "../../db/planner-statistics";
import { insertEachInTransaction } from "../../db/write-transaction";
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
  /** The custom attributes as the JSON text written (made once: the fingerprint reads it too). */
  customAttributesJson: string;
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
  /** The record's mapped values as the JSON text written (made once: the fingerprint reads it too). */
  attributesJson: string;
  joinedByRuleId: string | null;
  joinedByRuleName: string | null;
  matchedDataSourceId: string | null;
  matchedRecordKey: string | null;
};

// PostgreSQL rows per statement: bounds one JSON parameter to a few MB.
const BATCH = 5_000;

const profileText = ["id", "email", "phone", "firstName", "lastName", "city", "postalCode", "country", "birthDate", "searchText", "fingerprint"] as const;
const recordText = ["profileId", "dataSourceId", "dataSourceName", "recordKey", "joinedByRuleId", "joinedByRuleName", "matchedDataSourceId", "matchedRecordKey"] as const;
const q = (name: string) => `"${name}"`;

const profileColumns = [...profileText, "tenantId", "instanceId", "runId", "customAttributes", "sourceRecordCount", "createdAt", "updatedAt"] as const;
const recordColumns = [...recordText, "tenantId", "instanceId", "attributes"] as const;
const insertOne = (table: string, columns: readonly string[]) =>
  `INSERT INTO "${table}" (${columns.map(q).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;

// SQLite: one prepared single-row statement per table, run per row on the transaction's own
// connection (insertEachInTransaction): about half the time of unpacking JSON batches in SQL.
const sqliteInsert = { profiles: insertOne("CustomerProfile", profileColumns), records: insertOne("ProfileSourceRecord", recordColumns) };

// PostgreSQL: each batch is ONE JSON array parameter that SQL unpacks (as
// lib/datasources/replace-rows.ts does): one statement per 5,000 rows instead of Prisma's
// createMany planning and binding each value.
const pgInsertProfiles = `INSERT INTO "CustomerProfile" (${profileColumns.map(q).join(", ")})
    SELECT ${profileText.map((name) => `e ->> '${name}'`).join(", ")}, $1, $2, $3, (e ->> 'customAttributesJson')::jsonb, (e ->> 'sourceRecordCount')::int,
      (e ->> 'createdAt')::timestamp(3), (e ->> 'updatedAt')::timestamp(3)
    FROM jsonb_array_elements($4::jsonb) AS e`;

const pgInsertRecords = `INSERT INTO "ProfileSourceRecord" (${recordColumns.map(q).join(", ")})
    SELECT ${recordText.map((name) => `e ->> '${name}'`).join(", ")}, $1, $2, (e ->> 'attributesJson')::jsonb
    FROM jsonb_array_elements($3::jsonb) AS e`;

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

/** Sorted by `key`, in place; rows already in order (a first run's) cost one pass. */
const sortBy = <T>(rows: T[], key: (row: T) => string): T[] => {
  for (let index = 1; index < rows.length; index++) {
    if (key(rows[index - 1]!) > key(rows[index]!)) return rows.sort((a, b) => byText(key(a), key(b)));
  }
  return rows;
};

/**
 * Replaces every profile of the instance and their source records, inside the caller's
 * transaction (the run's final one): until it commits, readers see the previous profiles.
 * Profiles in `unchanged` are stored exactly as they would be written (same id, attributes and
 * records: their fingerprint says so), so they stay as they are: a rerun over unchanged data
 * writes next to nothing, and those profiles keep naming the run that wrote them. `db` is the
 * client `tx` belongs to (SQLite writes the rows on its transaction's connection).
 */
export const writeProfiles = async (
  db: Db,
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
  const profiles = sortBy(kept.size === 0 ? [...allProfiles] : allProfiles.filter((profile) => !kept.has(profile.id)), (profile) => profile.id);
  const records = sortBy(kept.size === 0 ? [...allRecords] : allRecords.filter((record) => !kept.has(record.profileId)), (record) => record.profileId);
  if (dialect === "sqlite") {
    const stamp = (date: Date) => timestampText(dialect, date);
    // Generators: each row's parameters live only while it is written.
    await insertEachInTransaction(
      db,
      sqliteInsert.profiles,
      (function* () {
        for (const profile of profiles) {
          yield [
            ...profileText.map((name) => profile[name]),
            tenantId,
            instanceId,
            runId,
            profile.customAttributesJson,
            profile.sourceRecordCount,
            stamp(profile.createdAt),
            stamp(profile.updatedAt),
          ];
        }
      })(),
    );
    await insertEachInTransaction(
      db,
      sqliteInsert.records,
      (function* () {
        for (const record of records) yield [...recordText.map((name) => record[name]), tenantId, instanceId, record.attributesJson];
      })(),
    );
  } else {
    for (let start = 0; start < profiles.length; start += BATCH) {
      const batch = profiles.slice(start, start + BATCH).map((profile) => ({
        ...profile,
        createdAt: timestampText(dialect, profile.createdAt),
        updatedAt: timestampText(dialect, profile.updatedAt),
      }));
      await tx.$executeRawUnsafe(pgInsertProfiles, tenantId, instanceId, runId, JSON.stringify(batch));
    }
    for (let start = 0; start < records.length; start += BATCH) {
      await tx.$executeRawUnsafe(pgInsertRecords, tenantId, instanceId, JSON.stringify(records.slice(start, start + BATCH)));
    }
  }
  // Segments and measures count over the instance's profiles right after this (a full refresh).
  await refreshPlannerStatistics(tx, "CustomerProfile");
};
