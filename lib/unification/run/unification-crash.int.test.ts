import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { generatePeople, type GeneratedSource } from "../../seed/people/generate-people";
import { createInstanceRegistration, createSourceWithRows, eventsForRun, scope, seedIdentity, waitFor } from "../../testing/factories";
import { useTestDatabase } from "../../testing/test-database";
import { faultSeed, forkWorker, seededIntegers, stopWorker, type WorkerProcess } from "../../worker/testing/fork-worker";
import type { TUnificationStage } from "../attributes";
import { MAX_RUN_ATTEMPTS } from "./claim-run";
import { unificationEngine } from "./engine";
import { executeUnificationRun } from "./execute-run";
import { type UnifiedProfiles, unify } from "./unify";

// The unification loop runs in a child process that is SIGKILLed in a stage (map, match, merge)
// or as it commits the profiles, at a random moment. A new worker takes the run over once its
// short lease expires; the previous profiles stay as they were until a run commits.

const database = useTestDatabase();

const LEASE_MS = 1_000;
// About 9,000 rows over three sources: a run takes long enough, on both databases, to be
// killed in any of its stages.
const people = generatePeople({ seed: 20261127, records: 9_000, sources: 3 });

const workers: WorkerProcess[] = [];
const forkUnificationWorker = (name: string) => {
  const worker = forkWorker({ loop: "unification", workerId: name, leaseMs: LEASE_MS, pollMs: 20, databaseUrl: database.current().target.url });
  workers.push(worker);
  return worker;
};

// The demo's kind of rules: exact and fuzzy ones, so that match and merge do real work.
const names = ["trim", "lowercase", "ascii"];
const rules = [
  { id: "rule_email", name: "Same email", conditions: [{ attribute: "email", normalizations: ["canonicalEmail"], precision: "exact" }] },
  {
    id: "rule_phoneFirstName",
    name: "Same phone, similar first name",
    conditions: [
      { attribute: "phone", normalizations: ["phoneE164"], precision: "exact" },
      { attribute: "firstName", normalizations: names, precision: "medium" },
    ],
  },
  {
    id: "rule_nameBirthDate",
    name: "Similar name, same birth date",
    conditions: [
      { attribute: "firstName", normalizations: names, precision: "low" },
      { attribute: "lastName", normalizations: [...names, "punctuation"], precision: "low" },
      { attribute: "birthDate", normalizations: [], precision: "exact" },
    ],
  },
];

const db = () => getDb();
let sourceIds: string[] = [];

const mapSources = async (sources: Array<{ generated: GeneratedSource; dataSourceId: string }>) => {
  await db().unificationSourceMapping.deleteMany({ where: scope });
  for (const [position, { generated, dataSourceId }] of sources.entries()) {
    await db().unificationSourceMapping.create({
      data: {
        ...scope,
        dataSourceId,
        position,
        mapping: {
          primaryKeyColumn: generated.primaryKeyColumn,
          recencyColumn: generated.recencyColumn,
          recencyDateFormat: generated.recencyDateFormat,
          columns: generated.columns,
        },
      },
    });
  }
};
const mapFirst = (count: number) => mapSources(people.sources.slice(0, count).map((generated, index) => ({ generated, dataSourceId: sourceIds[index]! })));

beforeAll(async () => {
  await seedIdentity(db());
  await createInstanceRegistration({ type: "unification.refresh.completed" });
  for (const generated of people.sources) {
    const rows = [...generated.rows()];
    const source = await createSourceWithRows({ name: generated.name, columns: Object.keys(rows[0]!), rows });
    sourceIds.push(source.id);
  }
  await db().unificationConfig.create({ data: { ...scope, settings: { customAttributes: [], rules, mergePolicies: {}, defaultPhoneCountry: "ES" } } });
}, 120_000);

afterAll(() => {
  for (const worker of workers) worker.child.kill("SIGKILL");
});

const runOf = (id: string) => db().unificationRun.findUniqueOrThrow({ where: { id } });

const profilesNow = async () =>
  JSON.stringify([
    await db().customerProfile.findMany({ where: scope, orderBy: { id: "asc" } }),
    await db().profileSourceRecord.findMany({ where: scope, orderBy: [{ dataSourceId: "asc" }, { recordKey: "asc" }] }),
  ]);

/** Each source record's profile, and the records of each profile. */
const assignmentsNow = async () =>
  (await db().profileSourceRecord.findMany({ where: scope, select: { dataSourceId: true, recordKey: true, profileId: true } })).map((record) => ({
    ref: `${record.dataSourceId}/${record.recordKey}`,
    profileId: record.profileId,
  }));

/**
 * Profiles as comparable: each profile's sorted records, under its id when it carried an id of
 * the previous profiles over (stable ids), else "new" (a new profile's id is random).
 */
const canonical = (assignments: Array<{ ref: string; profileId: string }>, previousIds: Set<string>) => {
  const byProfile = new Map<string, string[]>();
  for (const { ref, profileId } of assignments) byProfile.set(profileId, [...(byProfile.get(profileId) ?? []), ref]);
  return [...byProfile].map(([id, refs]) => `${previousIds.has(id) ? id : "new"}:${refs.sort().join(",")}`).sort();
};

/** What an uninterrupted run would commit now, from the same profiles and rows (written nowhere). */
const cleanRun = (): Promise<UnifiedProfiles> =>
  unify(db(), { ...scope, runId: "run_clean" }, unificationEngine, async (_stage, work) => (await work()).result);

const startRun = async () => (await db().unificationRun.create({ data: { ...scope, status: "queued", submissionKind: "onDemand" } })).id;

/** Polls every millisecond or so (the fixture's waitFor polls every 20 ms): a stage can be short. */
const waitClosely = async (condition: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
};

/**
 * Whether another connection is inside the transaction that writes the profiles. PostgreSQL: it
 * holds a row-exclusive lock on CustomerProfile. SQLite: the database's write lock has been held
 * for 5 ms on end (the other writes, progress and lease renewals, hold it for well under a
 * millisecond; writing thousands of profiles takes far longer).
 */
const watchProfileWriter = () => {
  const target = database.current().target;
  if (target.provider === "postgresql") {
    return {
      writing: async () => {
        const [row] = await db().$queryRaw<Array<{ writing: boolean }>>`SELECT EXISTS (
            SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE c.relname = 'CustomerProfile' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS "writing"`;
        return row!.writing;
      },
      close: () => undefined,
    };
  }
  const probe = new Database(target.filePath, { timeout: 0 });
  let busySince: number | undefined;
  return {
    writing: async () => {
      try {
        probe.exec("BEGIN IMMEDIATE");
        probe.exec("ROLLBACK");
        busySince = undefined;
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
        busySince ??= performance.now();
      }
      return busySince !== undefined && performance.now() - busySince >= 5;
    },
    close: () => probe.close(),
  };
};

type KillPoint = TUnificationStage | "commit";

/**
 * The previous profiles: two of the three sources, unified without a crash. Returns how long
 * each of its stages took: the run over all three sources takes longer in each, so a kill that
 * long into a stage comes before its end.
 */
const previousProfiles = async () => {
  await mapFirst(2);
  const run = await executeUnificationRun(await startRun(), unificationEngine, { workerId: "setup" });
  expect(run).toMatchObject({ status: "successful" });
  return Object.fromEntries(run!.stages.map((stage) => [stage.stage, stage.durationMs ?? 0])) as Record<TUnificationStage, number>;
};
const killPoints: KillPoint[] = ["map", "match", "merge", "commit"];

const stageStatus = (stages: unknown, stage: TUnificationStage) =>
  (stages as Array<{ stage: string; status: string }> | null)?.find((result) => result.stage === stage)?.status;

/**
 * Starts `worker` and SIGKILLs it in `point`: `delayMs` into a stage, or while its final
 * transaction writes the profiles ("commit"). Ends early if the run finished first: the caller
 * then sees the kill came too late.
 */
const killAt = async (point: KillPoint, delayMs: number, worker: WorkerProcess, runId: string, attempts: number) => {
  await worker.start();
  const finished = (status: string) => status === "successful" || status === "failed";
  const stage: TUnificationStage = point === "commit" ? "merge" : point;
  const inStage = point === "commit" ? "successful" : "running";
  await waitClosely(async () => {
    const run = await runOf(runId);
    return finished(run.status) || (run.status === "running" && run.attempts === attempts && stageStatus(run.stages, stage) === inStage);
  }, 120_000);
  if (point === "commit") {
    const watch = watchProfileWriter();
    let probes = 0;
    try {
      await waitClosely(async () => (await watch.writing()) || (++probes % 50 === 0 && finished((await runOf(runId)).status)), 60_000);
    } finally {
      watch.close();
    }
  } else if (delayMs > 0) {
    // The kill moment within the stage, not a synchronisation: the run is checked after it.
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  worker.child.kill("SIGKILL");
  expect(await worker.exited).toEqual({ code: null, signal: "SIGKILL" });
  return runOf(runId);
};

describe("a unification run whose worker is SIGKILLed mid-run", () => {
  it("is taken over after its lease and finishes once: the old profiles until it commits, then the profiles and ids of an uninterrupted run", async () => {
    const random = seededIntegers(faultSeed("unification crash test (finishes)"));
    const durations = await previousProfiles();
    const before = await profilesNow();
    const previousIds = new Set((await db().customerProfile.findMany({ where: scope, select: { id: true } })).map((profile) => profile.id));

    await mapFirst(3);
    const clean = await cleanRun();
    const runId = await startRun();

    // As many kills as leave the last claim to finish the run.
    const kills = MAX_RUN_ATTEMPTS - 1;
    const points = Array.from({ length: kills }, () => killPoints[random(0, killPoints.length - 1)]!);
    console.log(`killing ${kills} workers: at ${points.join(", ")}`);
    // Each worker is forked ahead, loaded and connected, so that a restart is immediate.
    let standby = forkUnificationWorker("doomed1");
    for (const [index, point] of points.entries()) {
      const current = standby;
      standby = forkUnificationWorker(index + 1 < kills ? `doomed${index + 2}` : "survivor");
      const killed = await killAt(point, point === "commit" ? 0 : random(0, Math.floor(durations[point] * 0.9)), current, runId, index + 1);
      expect(killed).toMatchObject({ status: "running", attempts: index + 1 });
      expect(await profilesNow()).toBe(before);
      expect(await eventsForRun(runId)).toEqual([]);
    }

    await standby.start();
    await waitFor(async () => (await runOf(runId)).status !== "running", 120_000);
    expect(await stopWorker(standby)).toEqual({ code: 0, signal: null });

    expect(await runOf(runId)).toMatchObject({ status: "successful", attempts: kills + 1, leaseToken: null, activeKey: null });
    const events = await eventsForRun(runId);
    expect(events.map((event) => [event.type, JSON.parse(event.payload).data.run.status, event.deliveries.length])).toEqual([["unification.refresh.completed", "successful", 1]]);

    // Every record of the mapped sources is in exactly one profile (the key is the record), and the
    // profiles are those an uninterrupted run gives: the same records together, the same ids kept.
    const assignments = await assignmentsNow();
    const rowKeys = people.sources.flatMap((generated, index) => [...generated.rows()].map((row) => `${sourceIds[index]}/${row[generated.primaryKeyColumn]}`));
    expect(new Set(assignments.map((a) => a.ref))).toEqual(new Set(rowKeys.filter((ref) => !ref.endsWith("/"))));
    const profiles = await db().customerProfile.findMany({ where: scope, select: { id: true, sourceRecordCount: true } });
    expect(profiles).toHaveLength(clean.profiles.length);
    const recordsOf = new Map<string, number>();
    for (const { profileId } of assignments) recordsOf.set(profileId, (recordsOf.get(profileId) ?? 0) + 1);
    expect(profiles.filter((profile) => recordsOf.get(profile.id) !== profile.sourceRecordCount)).toEqual([]);
    const cleanAssignments = clean.records.map((record) => ({ ref: `${record.dataSourceId}/${record.recordKey}`, profileId: record.profileId }));
    expect(canonical(assignments, previousIds)).toEqual(canonical(cleanAssignments, previousIds));
  }, 300_000);

  it(`fails as interrupted when its worker dies on each of its ${MAX_RUN_ATTEMPTS} claims, keeping the old profiles, one event`, async () => {
    const random = seededIntegers(faultSeed("unification crash test (fails)"));
    const durations = await previousProfiles();
    const before = await profilesNow();
    await mapFirst(3);
    const runId = await startRun();

    const points = Array.from({ length: MAX_RUN_ATTEMPTS }, () => killPoints[random(0, killPoints.length - 1)]!);
    console.log(`killing the workers at ${points.join(", ")}`);
    let standby = forkUnificationWorker("doomed1");
    for (const [index, point] of points.entries()) {
      const current = standby;
      standby = forkUnificationWorker(index + 1 < MAX_RUN_ATTEMPTS ? `doomed${index + 2}` : "last");
      const killed = await killAt(point, point === "commit" ? 0 : random(0, Math.floor(durations[point] * 0.9)), current, runId, index + 1);
      expect(killed).toMatchObject({ status: "running", attempts: index + 1 });
      expect(await profilesNow()).toBe(before);
    }

    // The next claim is one too many: the run fails without unifying again.
    await standby.start();
    await waitFor(async () => (await runOf(runId)).status !== "running", 120_000);
    expect(await stopWorker(standby)).toEqual({ code: 0, signal: null });

    const failed = await runOf(runId);
    expect(failed).toMatchObject({ status: "failed", attempts: MAX_RUN_ATTEMPTS + 1, errorCode: "interrupted", leaseToken: null, activeKey: null });
    expect((failed.stages as Array<{ status: string }>).map((stage) => stage.status)).toEqual(["skipped", "skipped", "skipped"]);
    expect(await profilesNow()).toBe(before);
    const events = await eventsForRun(runId);
    expect(events.map((event) => [event.type, JSON.parse(event.payload).data.run.status, event.body.data.error.code, event.deliveries.length])).toEqual([
      ["unification.refresh.completed", "failed", "interrupted", 1],
    ]);
  }, 300_000);
});
