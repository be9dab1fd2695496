import { type Db, getDb } from "../db/client";
import { notFound } from "../errors/app-error";
import { asAttributes, profileSelect, toProfileDto } from "./profile-dto";
import type { TCustomerProfileDetail, TProfileSourceRecord } from "./schemas";
import type { UnificationScope } from "./scope";

/**
 * One profile with its source records: each record's data source (its current name, or the
 * name the run saw if the source was deleted since), and the rule that joined it and the
 * record it matched, as the run that made the profile recorded them.
 */
export const getProfile = async (scope: UnificationScope, profileId: string, db: Db = getDb()): Promise<TCustomerProfileDetail> => {
  const where = { tenantId: scope.tenantId, instanceId: scope.instanceId };
  const profile = await db.customerProfile.findFirst({ where: { ...where, id: profileId }, select: profileSelect });
  if (!profile) throw notFound("customerProfile");
  const records = await db.profileSourceRecord.findMany({
    where: { ...where, profileId },
    orderBy: [{ dataSourceName: "asc" }, { recordKey: "asc" }],
  });
  const sources = await db.dataSource.findMany({
    where: { ...where, id: { in: [...new Set(records.map((record) => record.dataSourceId))] } },
    select: { id: true, name: true },
  });
  const names = new Map(sources.map((source) => [source.id, source.name]));
  const sourceRecords: TProfileSourceRecord[] = records.map((record) => ({
    dataSourceId: record.dataSourceId,
    dataSourceName: names.get(record.dataSourceId) ?? record.dataSourceName,
    recordKey: record.recordKey,
    attributes: asAttributes(record.attributes),
    joinedBy:
      record.joinedByRuleId && record.matchedDataSourceId && record.matchedRecordKey
        ? {
            ruleId: record.joinedByRuleId,
            ruleName: record.joinedByRuleName ?? "",
            matchedRecord: { dataSourceId: record.matchedDataSourceId, recordKey: record.matchedRecordKey },
          }
        : null,
  }));
  return { ...toProfileDto(profile), sourceRecords };
};
