import { hash } from "node:crypto";
import type { Db } from "../../db/client";
import { newIds } from "../../ids/new-id";
import { standardAttributeNames, type TUnificationStage } from "../attributes";
import { attributeTypesOf } from "../attribute-definitions";
import type { MappedRecord } from "../engine/types";
import { readConfig } from "../get-config";
import type { TAttributeValue, TStageCounts, TUnificationConfig } from "../schemas";
import type { UnificationScope } from "../scope";
import type { UnificationEngine } from "./engine-port";
import { readJsonRows } from "./read-json-rows";
import { readSourceRows } from "./read-source-rows";
import { inputHashOf, type SourceInput } from "./run-inputs";
import { UnificationError } from "./unification-error";
import type { ProfileRow, SourceRecordRow } from "./write-profiles";

/** Runs one stage, recording its start and end (the run's stage results) as it goes. */
export type StageRunner = <S extends TUnificationStage, T>(stage: S, work: () => Promise<{ result: T; counts: TStageCounts[S] }>) => Promise<T>;

/**
 * Every profile and source record of the run; `unchanged` lists the profiles written exactly so
 * already; `inputHash` says what they were made from (run-inputs.ts).
 */
export type UnifiedProfiles = { profiles: ProfileRow[]; records: SourceRecordRow[]; unchanged: string[]; inputHash: string };

type Previous = { assignments: Map<string, string>; profiles: Map<string, { createdAt: Date; updatedAt: Date; fingerprint: string }> };

const recordRef = (dataSourceId: string, key: string) => `${dataSourceId}\u0000${key}`;

const previousAssignments = {
  sqlite: `SELECT json_array("dataSourceId", "recordKey", "profileId") AS "row" FROM "ProfileSourceRecord" WHERE "tenantId" = ? AND "instanceId" = ?`,
  postgresql: `SELECT json_build_array("dataSourceId", "recordKey", "profileId") AS "row" FROM "ProfileSourceRecord" WHERE "tenantId" = $1 AND "instanceId" = $2`,
};
const previousProfiles = {
  sqlite: `SELECT json_array("id", "createdAt", "updatedAt", "fingerprint") AS "row" FROM "CustomerProfile" WHERE "tenantId" = ? AND "instanceId" = ?`,
  postgresql: `SELECT json_build_array("id", "createdAt", "updatedAt", "fingerprint") AS "row" FROM "CustomerProfile" WHERE "tenantId" = $1 AND "instanceId" = $2`,
};

// PostgreSQL's json of a timestamp(3) has no zone; it holds UTC.
const readTimestamp = (value: string) => new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);

/** The profiles the last successful run wrote: which profile each record was in, and each profile's dates. */
const readPrevious = async (db: Db, scope: UnificationScope): Promise<Previous> => {
  const params = [scope.tenantId, scope.instanceId];
  const [assignments, profiles] = await Promise.all([
    readJsonRows<[string, string, string]>(db, previousAssignments, params),
    readJsonRows<[string, string, string, string]>(db, previousProfiles, params),
  ]);
  return {
    assignments: new Map(assignments.map(([dataSourceId, key, profileId]) => [recordRef(dataSourceId, key), profileId])),
    profiles: new Map(
      profiles.map(([id, createdAt, updatedAt, fingerprint]) => [id, { createdAt: readTimestamp(createdAt), updatedAt: readTimestamp(updatedAt), fingerprint }]),
    ),
  };
};

/**
 * New profile ids, at most `count`, made in one go on first use and handed out in ascending
 * order: components come out in id order then, the order writeProfiles wants (no sort).
 */
const freshIdsInOrder = (count: number, now: Date) => {
  let ids: string[] | undefined;
  let next = 0;
  return () => {
    ids ??= newIds("prof", count, now.getTime()).sort();
    const id = ids[next++];
    if (id === undefined) throw new Error("More new profile ids were asked for than there are components.");
    return id;
  };
};

const text = (value: TAttributeValue | undefined) => (value === null || value === undefined ? null : String(value));

/**
 * Map → match → merge over the instance's configuration: reads each mapped source's rows,
 * hands them to the engine stage by stage, and returns the profiles and source records to
 * write. Writes nothing itself (the run's final transaction does); `stage` records progress.
 */
export const unify = async (db: Db, scope: UnificationScope & { runId: string }, engine: UnificationEngine, stage: StageRunner, now = new Date()): Promise<UnifiedProfiles> => {
  const { config } = await readConfig(db, scope);
  if (config.sources.length === 0) {
    throw new UnificationError("not_configured", "No data source is mapped for unification. Map at least one data source's columns to profile attributes, then run it again.");
  }
  const attributeTypes = attributeTypesOf(config.customAttributes);
  const sourceIds = config.sources.map((source) => source.dataSourceId);
  const names = new Map(
    (await db.dataSource.findMany({ where: { tenantId: scope.tenantId, instanceId: scope.instanceId, id: { in: sourceIds } }, select: { id: true, name: true } })).map(
      (source) => [source.id, source.name],
    ),
  );

  // What this run read, recorded on it: a later run that would read the same may keep its profiles.
  const inputs: SourceInput[] = [];
  const records = await stage("map", async () => {
    const all: MappedRecord[] = [];
    const sources: TStageCounts["map"]["sources"] = [];
    for (const [sourceIndex, mapping] of config.sources.entries()) {
      const name = names.get(mapping.dataSourceId) ?? mapping.dataSourceId;
      const { rows, runId } = await readSourceRows(db, scope, { dataSourceId: mapping.dataSourceId, name, mapping });
      inputs.push({ dataSourceId: mapping.dataSourceId, name, rowsRunId: runId });
      const mapped = engine.mapSource({ sourceIndex, dataSourceId: mapping.dataSourceId, name, mapping, attributeTypes }, rows);
      for (const record of mapped.records) all.push(record);
      sources.push(mapped.counts);
    }
    const counts: TStageCounts["map"] = {
      sources,
      recordsIn: sources.reduce((sum, source) => sum + source.recordsIn, 0),
      invalidValues: sources.reduce((sum, source) => sum + source.invalidValues.reduce((n, invalid) => n + invalid.count, 0), 0),
    };
    return { result: all, counts };
  });

  const match = await stage("match", async () => {
    const result = engine.matchRecords(records, config.rules, { defaultPhoneCountry: config.defaultPhoneCountry });
    return { result, counts: result.counts };
  });

  const inputHash = inputHashOf(engine, config, inputs);

  return stage("merge", async () => {
    const previous = await readPrevious(db, scope);
    const ids = engine.assignProfileIds({
      components: match.components,
      records,
      previousProfileId: (sourceIndex, key) => previous.assignments.get(recordRef(sourceIds[sourceIndex]!, key)),
      newId: freshIdsInOrder(match.components.length, now),
    });
    const result = { ...buildRows(config, records, match, ids, previous, { names, sourceIds, attributeTypes, now }, engine), inputHash };
    const recordsMatched = match.components.reduce((sum, component) => sum + (component.length > 1 ? component.length : 0), 0);
    const counts: TStageCounts["merge"] = {
      profilesOut: result.profiles.length,
      recordsMatched,
      matchRate: records.length === 0 ? 0 : recordsMatched / records.length,
    };
    return { result, counts };
  });
};

/**
 * Everything the run writes for a profile, hashed: the same hash means the same rows. Built from
 * the JSON texts the write sends anyway (each record's attributes are serialized once), one line
 * per record; one-shot hashing (a Hash object per profile cost as much as the hashing itself).
 */
const fingerprintOf = (standard: ReadonlyArray<string | null>, customAttributesJson: string, memberRows: readonly SourceRecordRow[]) => {
  let text = JSON.stringify(standard) + customAttributesJson;
  for (const row of memberRows) {
    text += `\n${JSON.stringify([row.dataSourceId, row.dataSourceName, row.recordKey, row.joinedByRuleId, row.joinedByRuleName, row.matchedDataSourceId, row.matchedRecordKey])}${row.attributesJson}`;
  }
  return hash("sha1", text, "base64url");
};

type BuildContext = {
  names: Map<string, string>;
  sourceIds: string[];
  attributeTypes: ReturnType<typeof attributeTypesOf>;
  now: Date;
};

const buildRows = (
  config: TUnificationConfig,
  records: MappedRecord[],
  match: Awaited<ReturnType<UnificationEngine["matchRecords"]>>,
  ids: string[],
  previous: Previous,
  { names, sourceIds, attributeTypes, now }: BuildContext,
  engine: UnificationEngine,
): Omit<UnifiedProfiles, "inputHash"> => {
  const mergeInput = { attributeTypes, policies: config.mergePolicies, sourceIds };
  const customNames = config.customAttributes.map((attribute) => attribute.name);
  const profiles: ProfileRow[] = [];
  const rows: SourceRecordRow[] = [];

  const unchanged: string[] = [];

  match.components.forEach((component, c) => {
    const id = ids[c]!;
    const members = component.map((index) => records[index]!);
    const attributes = engine.mergeProfile(members, mergeInput);
    const customAttributesJson = JSON.stringify(Object.fromEntries(customNames.map((name) => [name, attributes[name] ?? null])));
    const standard = standardAttributeNames.map((name) => text(attributes[name]));
    const [firstName, lastName, email, phone] = [text(attributes.firstName), text(attributes.lastName), text(attributes.email), text(attributes.phone)];
    const memberRows = component.map((index): SourceRecordRow => {
      const record = records[index]!;
      const link = match.joinedBy[index] ?? null;
      const rule = link ? config.rules[link.ruleIndex] : undefined;
      const matched = link ? records[link.matchedRecordIndex] : undefined;
      const dataSourceId = sourceIds[record.sourceIndex]!;
      return {
        profileId: id,
        dataSourceId,
        dataSourceName: names.get(dataSourceId) ?? dataSourceId,
        recordKey: record.key,
        attributesJson: JSON.stringify(record.values),
        joinedByRuleId: rule?.id ?? null,
        joinedByRuleName: rule?.name ?? null,
        matchedDataSourceId: matched ? sourceIds[matched.sourceIndex]! : null,
        matchedRecordKey: matched?.key ?? null,
      };
    });
    const fingerprint = fingerprintOf(standard, customAttributesJson, memberRows);
    const before = previous.profiles.get(id);
    if (before && before.fingerprint === fingerprint) unchanged.push(id);
    profiles.push({
      id,
      email,
      phone,
      firstName,
      lastName,
      city: text(attributes.city),
      postalCode: text(attributes.postalCode),
      country: text(attributes.country),
      birthDate: text(attributes.birthDate),
      customAttributesJson,
      searchText: [firstName, lastName, email, phone].filter(Boolean).join(" ").toLowerCase(),
      sourceRecordCount: members.length,
      fingerprint,
      createdAt: before?.createdAt ?? now,
      updatedAt: before && before.fingerprint === fingerprint ? before.updatedAt : now,
    });
    for (const row of memberRows) rows.push(row);
  });
  return { profiles, records: rows, unchanged };
};
