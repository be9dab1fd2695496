import { createHash } from "node:crypto";
import type { Db } from "../../db/client";
import { latestSuccessfulRun, rowsRunIdOf } from "../../datasources/stored-rows";
import { readConfig } from "../get-config";
import type { TStageCounts, TUnificationConfig, TUnificationStageResult } from "../schemas";
import type { UnificationScope } from "../scope";
import type { UnificationEngine } from "./engine-port";

// Part of every input hash: bump it when unify.ts or the engine change what the same rows and
// configuration become, so the next run of each instance unifies again.
const UNIFY_VERSION = "unify-1";

/** One mapped source as a run reads it: its name (profiles' source records carry it) and the refresh that wrote its rows. */
export type SourceInput = { dataSourceId: string; name: string; rowsRunId: string };

// The engine is an input too: a run handed another one (a test's that fails on purpose) must run it.
const engineTexts = new WeakMap<UnificationEngine, string>();
const engineText = (engine: UnificationEngine) => {
  let text = engineTexts.get(engine);
  if (text === undefined) {
    text = JSON.stringify(Object.entries(engine).map(([name, fn]) => [name, String(fn)]));
    engineTexts.set(engine, text);
  }
  return text;
};

/** What a run's profiles follow from: the configuration, each mapped source's stored rows, the engine. */
export const inputHashOf = (engine: UnificationEngine, config: TUnificationConfig, sources: readonly SourceInput[]) =>
  createHash("sha256").update(JSON.stringify([UNIFY_VERSION, config, sources])).update(engineText(engine)).digest("hex");

/**
 * The input hash a run would record, read without reading any rows; null when the run cannot
 * succeed as things are (nothing mapped, a mapped source never refreshed), so it runs in full
 * and fails as it should.
 */
const readInputHash = async (db: Db, scope: UnificationScope, engine: UnificationEngine): Promise<string | null> => {
  const { config } = await readConfig(db, scope);
  if (config.sources.length === 0) return null;
  const sourceIds = config.sources.map((source) => source.dataSourceId);
  const names = new Map(
    (await db.dataSource.findMany({ where: { tenantId: scope.tenantId, instanceId: scope.instanceId, id: { in: sourceIds } }, select: { id: true, name: true } })).map(
      (source) => [source.id, source.name],
    ),
  );
  const sources: SourceInput[] = [];
  for (const dataSourceId of sourceIds) {
    const run = await latestSuccessfulRun(db, scope, dataSourceId);
    if (!run) return null;
    sources.push({ dataSourceId, name: names.get(dataSourceId) ?? dataSourceId, rowsRunId: rowsRunIdOf(run) });
  }
  return inputHashOf(engine, config, sources);
};

export type UnchangedInputs = { inputHash: string; stages: TUnificationStageResult[] };

/**
 * The latest successful run's result, when this run would read exactly what it read and the
 * profiles are still as it left them: only unification runs write profiles, and a run that
 * changed none (this case) leaves them alone, so the same count and nothing updated after it
 * ended says so; anything that wrote profiles another way shows in one or the other.
 */
export const findUnchangedInputs = async (db: Db, scope: UnificationScope, engine: UnificationEngine): Promise<UnchangedInputs | null> => {
  const where = { tenantId: scope.tenantId, instanceId: scope.instanceId };
  const latest = await db.unificationRun.findFirst({
    where: { ...where, status: "successful" },
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    select: { inputHash: true, stages: true, finishedAt: true },
  });
  if (!latest?.inputHash || !latest.finishedAt) return null;
  const stages = Array.isArray(latest.stages) ? (latest.stages as TUnificationStageResult[]) : [];
  const merge = stages.find((stage) => stage.stage === "merge")?.counts as TStageCounts["merge"] | null | undefined;
  if (stages.length === 0 || stages.some((stage) => stage.status !== "successful" || !stage.counts) || !merge) return null;

  const inputHash = await readInputHash(db, scope, engine);
  if (inputHash !== latest.inputHash) return null;

  const profiles = await db.customerProfile.aggregate({ where, _count: { _all: true }, _max: { updatedAt: true, createdAt: true } });
  const untouched =
    profiles._count._all === merge.profilesOut &&
    (profiles._max.updatedAt ?? new Date(0)) <= latest.finishedAt &&
    (profiles._max.createdAt ?? new Date(0)) <= latest.finishedAt;
  return untouched ? { inputHash, stages } : null;
};
