import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dataSources from "@/app/api/v1/instances/[instanceId]/data-sources/route";
import * as dataSource from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/route";
import * as refresh from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/refresh/route";
import * as registrations from "@/app/api/v1/instances/[instanceId]/trigger-registrations/route";
import * as registration from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/route";
import * as pause from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/pause/route";
import * as resume from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/resume/route";
import { type RouteResult, callRoute } from "@/lib/api/testing/call-route";
import { writeTransaction } from "@/lib/db/write-transaction";
import { startWebhookReceiver } from "@/lib/delivery/testing/webhook-receiver";
import { enqueueEvent } from "@/lib/events/enqueue-event";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "@/lib/seed/demo-identity";
import { useTestDatabase } from "@/lib/testing/test-database";

// The worker runs in its own process and must decrypt what this process encrypts, and both
// may reach the local receiver.
process.env.APP_ENCRYPTION_KEY = randomBytes(32).toString("base64");
process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";

const database = useTestDatabase();
const db = () => database.current().db;
const repoRoot = path.resolve(import.meta.dirname, "../..");
const instanceId = DEMO_INSTANCE_ID;
const scope = { tenantId: DEMO_TENANT_ID, instanceId };

const OPERATIONS = 400;
const IN_FLIGHT = 8;
const seed = Number(process.env.CONCURRENCY_SEED ?? Date.now() % 1_000_000);

// A small seeded generator (mulberry32): a failing run can be replayed with CONCURRENCY_SEED.
const random = (() => {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let worker: ChildProcess;
let workerLog = "";
let dataDir: string;

const startWorkerProcess = () => {
  const { target } = database.current();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "scripts/worker.ts")], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: target.url, DATA_DIR: dataDir, WORKER_POLL_MS: "5" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (workerLog += chunk));
  child.stderr!.on("data", (chunk) => (workerLog += chunk));
  return child;
};

const waitFor = async (condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.\nWorker log:\n${workerLog}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "ai-concurrency-"));
  await seedDemoIdentity(db());
  receiver = await startWebhookReceiver();
  worker = startWorkerProcess();
  await waitFor(() => workerLog.includes("started"), "the worker to start");
}, 60_000);

afterAll(async () => {
  worker?.kill("SIGTERM");
  await new Promise((resolve) => (worker?.exitCode !== null ? resolve(null) : worker.once("exit", resolve)));
  await receiver?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type RegistrationModel = { id: string; displayName: string; status: "active" | "paused"; deleted: boolean; audits: number };
type SourceModel = { id: string; deleted: boolean; audits: number };

type Answer = { operation: string; expected: number; result: RouteResult };

describe("concurrent API writes while a worker in another process delivers", () => {
  it(`answers every one of ${OPERATIONS} mixed writes as the model expects, never ≥ 500, and the database agrees (seed ${seed})`, async () => {
    const registrationsById = new Map<string, RegistrationModel>();
    const sourcesById = new Map<string, SourceModel>();
    const answers: Answer[] = [];
    // Operations on one record run one after another (so the expected answer is known);
    // records are written concurrently with each other, with the worker and the producer.
    const chains = new Map<string, Promise<void>>();
    const onRecord = (key: string, operation: () => Promise<void>) => {
      const next = (chains.get(key) ?? Promise.resolve()).then(operation);
      chains.set(key, next);
      return next;
    };
    const expectAnswer = (operation: string, expected: number, result: RouteResult) => {
      answers.push({ operation, expected, result });
    };

    const base = `/api/v1/instances/${instanceId}`;
    const createRegistration = async () => {
      const displayName = `Concurrent ${randomBytes(3).toString("hex")}`;
      const result = await callRoute(registrations.POST, {
        method: "POST",
        path: `${base}/trigger-registrations`,
        params: { instanceId },
        body: { displayName, type: "datasource.refresh.failed", parameters: { dataSourceId: null }, callbackUrl: receiver.url() },
      });
      expectAnswer("create registration", 201, result);
      if (result.status === 201) {
        const id = result.json.registration.id as string;
        registrationsById.set(id, { id, displayName, status: "active", deleted: false, audits: 1 });
      }
    };
    const onRegistration = (model: RegistrationModel, kind: "rename" | "pause" | "resume" | "delete") =>
      onRecord(model.id, async () => {
        const params = { instanceId, registrationId: model.id };
        const path = `${base}/trigger-registrations/${model.id}`;
        if (kind === "rename") {
          const displayName = `Renamed ${randomBytes(3).toString("hex")}`;
          const result = await callRoute(registration.PATCH, { method: "PATCH", path, params, body: { displayName } });
          expectAnswer("rename registration", model.deleted ? 404 : 200, result);
          if (result.status === 200) Object.assign(model, { displayName, audits: model.audits + 1 });
        } else if (kind === "pause" || kind === "resume") {
          const result = await callRoute(kind === "pause" ? pause.POST : resume.POST, { method: "POST", path: `${path}/${kind}`, params });
          const allowed = kind === "pause" ? model.status === "active" : model.status === "paused";
          expectAnswer(`${kind} registration`, model.deleted ? 404 : allowed ? 200 : 409, result);
          if (result.status === 200) Object.assign(model, { status: kind === "pause" ? "paused" : "active", audits: model.audits + 1 });
        } else {
          const result = await callRoute(registration.DELETE, { method: "DELETE", path, params });
          expectAnswer("delete registration", model.deleted ? 404 : 204, result);
          if (result.status === 204) Object.assign(model, { deleted: true, audits: model.audits + 1 });
        }
      });
    const createSource = async () => {
      const result = await callRoute(dataSources.POST, {
        method: "POST",
        path: `${base}/data-sources`,
        params: { instanceId },
        body: { kind: "upload", name: `Source ${randomBytes(3).toString("hex")}` },
      });
      expectAnswer("create data source", 201, result);
      if (result.status === 201) {
        const id = result.json.dataSource.id as string;
        sourcesById.set(id, { id, deleted: false, audits: 1 });
      }
    };
    const onSource = (model: SourceModel, kind: "refresh" | "delete") =>
      onRecord(model.id, async () => {
        const params = { instanceId, dataSourceId: model.id };
        const path = `${base}/data-sources/${model.id}`;
        if (kind === "refresh") {
          // An upload source without a file: the worker's refresh fails, a real producer of events.
          const result = await callRoute(refresh.POST, { method: "POST", path: `${path}/refresh`, params });
          expectAnswer("refresh data source", model.deleted ? 404 : 202, result);
        } else {
          const result = await callRoute(dataSource.DELETE, { method: "DELETE", path, params });
          expectAnswer("delete data source", model.deleted ? 404 : 204, result);
          if (result.status === 204) Object.assign(model, { deleted: true, audits: model.audits + 1 });
        }
      });

    // A producer keeps events flowing to every active registration, as refreshes do.
    let producing = true;
    let produced = 0;
    const producer = (async () => {
      while (producing) {
        await writeTransaction(db(), (tx) =>
          enqueueEvent(tx, { ...scope, type: "datasource.refresh.failed", subject: {}, data: { produced } }),
        );
        produced++;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    for (let i = 0; i < 6; i++) await createRegistration();
    for (let i = 0; i < 3; i++) await createSource();
    await waitFor(() => receiver.count() > 0, "the first deliveries");
    const receivedBefore = receiver.count();

    const running = new Set<Promise<void>>();
    for (let i = 0; i < OPERATIONS; i++) {
      while (running.size >= IN_FLIGHT) await Promise.race(running);
      const live = [...registrationsById.values()];
      const sources = [...sourcesById.values()];
      const roll = random();
      const task =
        roll < 0.15 || live.length === 0
          ? createRegistration()
          : roll < 0.7
            ? onRegistration(pick(live), pick(["rename", "pause", "resume", "delete"] as const))
            : roll < 0.78 || sources.length === 0
              ? createSource()
              : onSource(pick(sources), pick(["refresh", "refresh", "delete"] as const));
      const tracked = task.finally(() => running.delete(tracked));
      running.add(tracked);
    }
    await Promise.all(running);
    await Promise.all(chains.values());
    producing = false;
    await producer;

    // Every answer is the one the model predicts; in particular none is ≥ 500 (503 included).
    const unexpected = answers
      .filter((answer) => answer.result.status !== answer.expected)
      .map((answer) => `${answer.operation}: expected ${answer.expected}, got ${answer.result.status} ${answer.result.text}`);
    expect(unexpected, `seed ${seed}`).toEqual([]);
    expect(answers).toHaveLength(OPERATIONS + 9);
    // The worker delivered while the writes ran: it was really competing for the database.
    expect(receiver.count()).toBeGreaterThan(receivedBefore);
    expect(produced).toBeGreaterThan(0);

    // The database ends as the answers said.
    const rows = await db().triggerRegistration.findMany({ where: scope, select: { id: true, displayName: true, status: true } });
    const expectedRows = [...registrationsById.values()]
      .filter((model) => !model.deleted)
      .map(({ id, displayName, status }) => ({ id, displayName, status }));
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(rows.sort(byId)).toEqual(expectedRows.sort(byId));
    const sourceRows = await db().dataSource.findMany({ where: scope, select: { id: true } });
    expect(sourceRows.map((row) => row.id).sort()).toEqual(
      [...sourcesById.values()].filter((model) => !model.deleted).map((model) => model.id).sort(),
    );
    // One audit entry per successful change, none for a refused one.
    for (const model of registrationsById.values()) {
      expect(await db().auditEntry.count({ where: { tenantId: DEMO_TENANT_ID, targetId: model.id } }), model.id).toBe(model.audits);
    }
    for (const model of sourcesById.values()) {
      const changes = await db().auditEntry.count({
        where: { tenantId: DEMO_TENANT_ID, targetId: model.id, action: { in: ["dataSource.created", "dataSource.deleted"] } },
      });
      expect(changes, model.id).toBe(model.audits);
    }
    // Nothing the worker touches is left half-done: every delivery of a live registration
    // reaches a final state once the worker catches up.
    await waitFor(
      async () => (await db().delivery.count({ where: { ...scope, status: { in: ["pending", "delivering"] }, registration: { status: "active" } } })) === 0,
      "the worker to deliver the backlog",
      60_000,
    );
    expect(workerLog).not.toMatch(/SQLITE_BUSY|P1008|SocketTimeout|database_busy|DatabaseBusyError/);
  }, 180_000);
});
