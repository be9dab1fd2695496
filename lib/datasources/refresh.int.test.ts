import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "../db/client";
import { onDeliveriesPending } from "../events/delivery-signal";
import { seedDemoIdentity } from "../seed/demo-identity";
import { resetSettingsCache } from "../settings/settings";
import { useTestDatabase } from "../testing/test-database";
import { MAX_RUN_ATTEMPTS, RUN_LEASE_MS, claimRun } from "./claim-run";
import { executeClaimedRun, executeRun } from "./execute-run";
import { listRuns } from "./list-runs";
import { requestRefresh } from "./request-refresh";
import { startRefreshWorker } from "./refresh-worker";
import { createRegistrationWatching, createSource, eventsForRun, scope, startCsvServer, waitFor } from "../testing/factories";

const sourcesDir = mkdtempSync(path.join(os.tmpdir(), "ai-sources-"));
const outsideDir = mkdtempSync(path.join(os.tmpdir(), "ai-outside-"));
process.env.DATA_SOURCES_DIR = sourcesDir;
// Plain http to this host only (the local test server); every other private address stays refused.
process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
useTestDatabase();

let server: Awaited<ReturnType<typeof startCsvServer>>;

beforeAll(async () => {
  resetSettingsCache();
  await seedDemoIdentity(getDb());
  server = await startCsvServer();
  writeFileSync(path.join(outsideDir, "secret.csv"), "email\nsecret@example.com\n");
});

afterAll(async () => {
  await server.close();
  rmSync(sourcesDir, { recursive: true, force: true });
  rmSync(outsideDir, { recursive: true, force: true });
});

const refreshNow = async (dataSourceId: string) => {
  const run = await requestRefresh(scope, dataSourceId);
  const finished = await executeRun(run.id, { workerId: "test" });
  if (!finished) throw new Error("The run could not be claimed.");
  return finished;
};

const rowsOf = (dataSourceId: string) =>
  getDb().dataSourceRow.findMany({ where: { dataSourceId }, orderBy: { rowNumber: "asc" } });

describe("a successful refresh", () => {
  it("ingests the rows, finishes the run and writes the event with deliveries for matching registrations, in one go", async () => {
    const source = await createSource({
      kind: "upload",
      name: "Web customers",
      requiredColumns: ["EMAIL"],
      upload: "\uFEFFemail,city\na@example.com,Lyon\nb@example.com,Girona\n",
    });
    const forThisSource = await createRegistrationWatching({ type: "datasource.refresh.succeeded", dataSourceId: source.id });
    const forAnySource = await createRegistrationWatching({ type: "datasource.refresh.succeeded", dataSourceId: null });
    await createRegistrationWatching({ type: "datasource.refresh.failed", dataSourceId: source.id });
    const anotherSource = await createSource({ kind: "upload", name: "Store customers" });
    await createRegistrationWatching({ type: "datasource.refresh.succeeded", dataSourceId: anotherSource.id });
    await createRegistrationWatching({ type: "datasource.refresh.succeeded", dataSourceId: source.id, status: "paused" });
    let signalled = 0;
    const off = onDeliveriesPending(() => {
      signalled += 1;
    });

    const queued = await requestRefresh(scope, source.id);
    expect(queued).toMatchObject({ status: "queued", submissionKind: "onDemand", startedAt: null, rowCount: null });
    const run = await executeRun(queued.id);
    off();

    expect(run).toMatchObject({ id: queued.id, status: "successful", rowCount: 2, columns: ["email", "city"], error: null });
    expect(run?.durationMs).toBeGreaterThanOrEqual(0);
    const rows = await rowsOf(source.id);
    expect(rows.map((r) => [r.rowNumber, r.runId, r.data])).toEqual([
      [1, queued.id, { email: "a@example.com", city: "Lyon" }],
      [2, queued.id, { email: "b@example.com", city: "Girona" }],
    ]);
    const stored = await getDb().dataSourceRun.findUniqueOrThrow({ where: { id: queued.id } });
    expect(stored).toMatchObject({ leaseToken: null, leaseUntil: null, activeKey: null });

    const events = await eventsForRun(queued.id);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.type).toBe("datasource.refresh.succeeded");
    expect(event!.body).toMatchObject({ type: "datasource.refresh.succeeded", instanceId: scope.instanceId, test: false });
    expect(event!.body.data).toEqual({
      instance: { id: scope.instanceId, name: "Contoso Retail" },
      dataSource: { id: source.id, name: "Web customers", kind: "upload" },
      run: {
        id: queued.id,
        status: "successful",
        submissionKind: "onDemand",
        submittedAt: run!.submittedAt,
        startedAt: run!.startedAt,
        finishedAt: run!.finishedAt,
        durationMs: run!.durationMs,
        rowCount: 2,
      },
      error: null,
    });
    expect(event!.deliveries.map((d) => d.registrationId).sort()).toEqual([forThisSource.id, forAnySource.id].sort());
    expect(event!.deliveries.every((d) => d.status === "pending")).toBe(true);
    expect(signalled).toBe(1);
  });

  it("replaces the previous rows and reads the latest upload", async () => {
    const source = await createSource({ kind: "upload", upload: "id\n1\n2\n3\n" });
    await refreshNow(source.id);
    await getDb().dataSourceUpload.create({
      data: { dataSourceId: source.id, fileName: "v2.csv", sizeBytes: 6, content: new Uint8Array(Buffer.from("id\n9\n")) },
    });
    const second = await refreshNow(source.id);
    expect(second).toMatchObject({ status: "successful", rowCount: 1 });
    expect((await rowsOf(source.id)).map((r) => r.data)).toEqual([{ id: "9" }]);
  });

  it("reads a file under the data sources directory", async () => {
    mkdirSync(path.join(sourcesDir, "nested"), { recursive: true });
    writeFileSync(path.join(sourcesDir, "nested", "members.csv"), "memberId,email\nLM-1,x@example.com\n");
    const source = await createSource({ kind: "file", location: "nested/members.csv", requiredColumns: ["memberId"] });
    expect(await refreshNow(source.id)).toMatchObject({ status: "successful", rowCount: 1 });
  });

  it("downloads a URL", async () => {
    server.answer((res) => {
      res.setHeader("content-type", "text/csv");
      res.end("sku,price\nA-1,9.99\nB-2,19.99\n");
    });
    const source = await createSource({ kind: "url", location: server.url("/prices.csv") });
    expect(await refreshNow(source.id)).toMatchObject({ status: "successful", rowCount: 2 });
  });

  it("stores no event when nothing is registered, and still finishes the run", async () => {
    const active = await getDb().triggerRegistration.findMany({ where: { ...scope, status: "active" }, select: { id: true } });
    await getDb().triggerRegistration.updateMany({ where: { id: { in: active.map((r) => r.id) } }, data: { status: "paused" } });
    try {
      const source = await createSource({ kind: "upload", upload: "id\n1\n" });
      const run = await refreshNow(source.id);
      expect(run.status).toBe("successful");
      expect(await eventsForRun(run.id)).toEqual([]);
    } finally {
      await getDb().triggerRegistration.updateMany({ where: { id: { in: active.map((r) => r.id) } }, data: { status: "active" } });
    }
  });
});

describe("a failed refresh", () => {
  const cases: {
    name: string;
    source: () => Promise<{ id: string }>;
    code: string;
    message: RegExp;
    /** What the UI builds its sentence from (lib/i18n/error-messages.ts). */
    details: Record<string, unknown> | undefined;
  }[] = [
    {
      name: "a missing file",
      source: () => createSource({ kind: "file", location: "nowhere/missing.csv" }),
      code: "file_missing",
      message: /"nowhere\/missing\.csv" was not found in the data sources directory/,
      details: { reason: "not_found", file: "nowhere/missing.csv" },
    },
    {
      name: "a malformed CSV",
      source: async () => {
        writeFileSync(path.join(sourcesDir, "broken.csv"), "email,city\na@example.com,Lyon\nb@example.com\n");
        return createSource({ kind: "file", location: "broken.csv" });
      },
      code: "csv_malformed",
      message: /^Line 3 has 1 field, but the header row has 2 columns/,
      details: { reason: "field_count", line: 3, fields: 1, columns: 2 },
    },
    {
      name: "a missing required column",
      source: async () => {
        writeFileSync(path.join(sourcesDir, "no-phone.csv"), "email,city\na@example.com,Lyon\n");
        return createSource({ kind: "file", location: "no-phone.csv", requiredColumns: ["email", "phone"] });
      },
      code: "missing_columns",
      message: /missing the required column "phone"/,
      details: { missing: ["phone"], present: ["email", "city"] },
    },
    {
      name: "an empty file",
      source: async () => {
        writeFileSync(path.join(sourcesDir, "empty.csv"), "");
        return createSource({ kind: "file", location: "empty.csv" });
      },
      code: "empty_file",
      message: /file is empty/,
      details: undefined,
    },
    {
      name: "a path escaping the directory",
      source: () => createSource({ kind: "file", location: path.join("..", path.basename(outsideDir), "secret.csv") }),
      code: "path_refused",
      message: /outside the data sources directory/,
      details: { reason: "outside_directory" },
    },
    {
      name: "an absolute path elsewhere",
      source: () => createSource({ kind: "file", location: path.join(outsideDir, "secret.csv") }),
      code: "path_refused",
      message: /outside the data sources directory/,
      details: { reason: "outside_directory" },
    },
    {
      name: "a symlink leading out of the directory",
      source: async () => {
        symlinkSync(path.join(outsideDir, "secret.csv"), path.join(sourcesDir, "link.csv"));
        return createSource({ kind: "file", location: "link.csv" });
      },
      code: "path_refused",
      message: /links to a place outside the data sources directory/,
      details: { reason: "symlink_outside", file: "link.csv" },
    },
    {
      name: "an unreachable URL",
      source: async () => {
        const closed = await startCsvServer();
        const url = closed.url("/gone.csv");
        await closed.close();
        return createSource({ kind: "url", location: url });
      },
      code: "url_unreachable",
      message: /refused the connection/,
      details: { reason: "connection_refused" },
    },
    {
      name: "a URL answering an HTTP error",
      source: async () => {
        server.answer((res) => {
          res.statusCode = 503;
          res.end("maintenance");
        });
        return createSource({ kind: "url", location: server.url("/down.csv") });
      },
      code: "http_error",
      message: /answered HTTP 503/,
      details: { reason: "status", status: 503 },
    },
    {
      name: "a URL redirecting elsewhere",
      source: async () => {
        server.answer((res) => {
          res.statusCode = 302;
          res.setHeader("location", "http://169.254.169.254/latest/meta-data");
          res.end();
        });
        return createSource({ kind: "url", location: server.url("/moved.csv") });
      },
      code: "http_error",
      message: /redirect \(HTTP 302\).*Redirects are not followed/,
      details: { reason: "redirect", status: 302 },
    },
    {
      name: "an https URL on a private address",
      source: () => createSource({ kind: "url", location: "https://10.1.2.3/export.csv" }),
      code: "url_refused",
      message: /10\.1\.2\.3, a private or reserved address/,
      details: { reason: "private_address", host: "10.1.2.3" },
    },
    {
      name: "the cloud metadata address",
      source: () => createSource({ kind: "url", location: "https://169.254.169.254/latest/meta-data" }),
      code: "url_refused",
      message: /private or reserved address/,
      details: { reason: "private_address", host: "169.254.169.254" },
    },
    {
      name: "plain http to a host that is not allow-listed",
      source: () => createSource({ kind: "url", location: "http://8.8.8.8/export.csv" }),
      code: "url_refused",
      message: /must start with https:\/\//,
      details: { reason: "scheme" },
    },
    {
      name: "an upload source with nothing uploaded",
      source: () => createSource({ kind: "upload" }),
      code: "no_upload",
      message: /No file has been uploaded/,
      details: undefined,
    },
  ];

  it.each(cases)("fails with a clear error for $name, keeps the old rows and writes datasource.refresh.failed", async ({ source: make, code, message, details }) => {
    const source = await make();
    const registration = await createRegistrationWatching({ type: "datasource.refresh.failed", dataSourceId: source.id });
    await createRegistrationWatching({ type: "datasource.refresh.succeeded", dataSourceId: source.id });
    // Rows from an earlier successful refresh must survive the failure.
    await getDb().dataSourceRow.create({ data: { dataSourceId: source.id, runId: "earlier", rowNumber: 1, data: { old: "row" } } });

    const run = await refreshNow(source.id);

    expect(run.status).toBe("failed");
    expect(run.error?.code).toBe(code);
    expect(run.error?.message).toMatch(message);
    if (details) expect(run.error?.details).toMatchObject(details);
    else expect(run.error?.details).toBeUndefined();
    // As the API lists it, read back from the database.
    const [listed] = await listRuns(scope, source.id);
    expect(listed?.error).toEqual(run.error);
    expect(run.finishedAt).not.toBeNull();
    expect(run.rowCount).toBeNull();
    expect((await rowsOf(source.id)).map((r) => r.data)).toEqual([{ old: "row" }]);
    const events = await eventsForRun(run.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.type).toBe("datasource.refresh.failed");
    expect(events[0]!.body.data.run).toMatchObject({ id: run.id, status: "failed", rowCount: null });
    expect(events[0]!.body.data.error).toEqual({ code, message: run.error!.message });
    expect(events[0]!.deliveries.map((d) => d.registrationId)).toEqual([registration.id]);
  });
});

describe("runs", () => {
  it("requesting a refresh while one is queued or running returns that run", async () => {
    const source = await createSource({ kind: "upload", upload: "id\n1\n" });
    const requests = await Promise.all(Array.from({ length: 6 }, () => requestRefresh(scope, source.id)));
    expect(new Set(requests.map((r) => r.id)).size).toBe(1);
    const claimed = await claimRun(getDb(), { runId: requests[0]!.id, workerId: "w" });
    expect(claimed?.status).toBe("running");
    expect((await requestRefresh(scope, source.id)).id).toBe(requests[0]!.id);
    await executeClaimedRun(getDb(), claimed!);
    const next = await requestRefresh(scope, source.id, "scheduled");
    expect(next.id).not.toBe(requests[0]!.id);
    expect(next).toMatchObject({ status: "queued", submissionKind: "scheduled" });
  });

  it("a refresh of an unknown data source is not found", async () => {
    await expect(requestRefresh(scope, "no-such-source")).rejects.toMatchObject({ code: "not_found" });
    await expect(requestRefresh({ ...scope, tenantId: "fabrikam" }, (await createSource({ kind: "upload" })).id)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("a run whose worker crashed is claimed again once its lease expires, and the old worker cannot finish it", async () => {
    const source = await createSource({ kind: "upload", upload: "id\n1\n" });
    const queued = await requestRefresh(scope, source.id);
    const crashed = await claimRun(getDb(), { runId: queued.id, workerId: "crashed", now: new Date(Date.now() - 2 * RUN_LEASE_MS) });
    expect(crashed).not.toBeNull();

    const recovered = await executeRun(queued.id, { workerId: "rescuer" });
    expect(recovered).toMatchObject({ status: "successful", rowCount: 1 });
    expect(await executeClaimedRun(getDb(), crashed!)).toBeNull();
    // One event (for the "any source" registration of the first test): the rescuer's, not a second one.
    expect(await eventsForRun(queued.id)).toHaveLength(1);
    expect(await getDb().dataSourceRun.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "successful" });
  });

  it(`a run whose worker died on each of its ${MAX_RUN_ATTEMPTS} claims fails as interrupted at the next, keeping the old rows`, async () => {
    const source = await createSource({ kind: "upload", upload: "id\nnew\n" });
    await createRegistrationWatching({ type: "datasource.refresh.failed", dataSourceId: source.id });
    await getDb().dataSourceRow.create({ data: { dataSourceId: source.id, runId: "earlier", rowNumber: 1, data: { id: "old" } } });
    const queued = await requestRefresh(scope, source.id);
    // Each claim comes after the previous lease expired: the worker holding it died.
    const start = Date.now() - (MAX_RUN_ATTEMPTS + 1) * (RUN_LEASE_MS + 1);
    const dead = [];
    for (let i = 0; i < MAX_RUN_ATTEMPTS; i++) {
      const claimed = await claimRun(getDb(), { runId: queued.id, workerId: `dead${i}`, now: new Date(start + i * (RUN_LEASE_MS + 1)) });
      expect(claimed).toMatchObject({ status: "running", attempts: i + 1 });
      dead.push(claimed!);
    }

    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const last = await executeRun(queued.id, { workerId: "last" });
    warn.mockRestore();
    expect(last).toMatchObject({ status: "failed", rowCount: null, error: { code: "interrupted", details: { attempts: MAX_RUN_ATTEMPTS } } });
    expect(last!.error!.message).toMatch(new RegExp(`interrupted ${MAX_RUN_ATTEMPTS} times.*previous data is kept`));
    // None of the workers that lost it can finish it afterwards, even alive.
    for (const claimed of dead) expect(await executeClaimedRun(getDb(), claimed)).toBeNull();
    expect((await rowsOf(source.id)).map((row) => row.data)).toEqual([{ id: "old" }]);
    const events = await eventsForRun(queued.id);
    expect(events.map((event) => [event.type, event.body.data.error?.code])).toEqual([["datasource.refresh.failed", "interrupted"]]);
    expect(await getDb().dataSourceRun.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({
      status: "failed",
      attempts: MAX_RUN_ATTEMPTS + 1,
      leaseToken: null,
      activeKey: null,
    });
  });

  it("a running run with a live lease is not claimable", async () => {
    const source = await createSource({ kind: "upload", upload: "id\n1\n" });
    const queued = await requestRefresh(scope, source.id);
    const holder = await claimRun(getDb(), { runId: queued.id, workerId: "holder" });
    expect(holder).not.toBeNull();
    expect(await executeRun(queued.id, { workerId: "other" })).toBeNull();
    expect(await claimRun(getDb(), { runId: queued.id, workerId: "other" })).toBeNull();
    await executeClaimedRun(getDb(), holder!);
  });

  it("two workers never run the same refresh", async () => {
    await createRegistrationWatching({ type: "datasource.refresh.succeeded", dataSourceId: null });
    const sources = await Promise.all(Array.from({ length: 6 }, (_, i) => createSource({ kind: "upload", upload: `n\n${i}\n` })));
    const runs = await Promise.all(sources.map((s) => requestRefresh(scope, s.id)));

    // Both workers race for every run at once.
    const attempts = await Promise.all(
      runs.flatMap((run) => [executeRun(run.id, { workerId: "a" }), executeRun(run.id, { workerId: "b" })]),
    );
    const executed = attempts.filter((r) => r !== null);
    expect(executed).toHaveLength(runs.length);
    expect(new Set(executed.map((r) => r!.id))).toEqual(new Set(runs.map((r) => r.id)));
    for (const run of runs) expect(await eventsForRun(run.id)).toHaveLength(1);

    // And the loop's own claiming: many concurrent claims take each queued run once.
    await getDb().dataSourceRun.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "skipped", activeKey: null } });
    const more = await Promise.all(
      (await Promise.all(Array.from({ length: 5 }, () => createSource({ kind: "upload", upload: "n\n1\n" })))).map((s) =>
        requestRefresh(scope, s.id),
      ),
    );
    const claims = (await Promise.all(Array.from({ length: 12 }, (_, i) => claimRun(getDb(), { workerId: `w${i % 2}` })))).filter(
      (c) => c !== null,
    );
    const claimedIds = claims.map((c) => c!.id);
    expect(new Set(claimedIds).size).toBe(claimedIds.length);
    for (const claim of claims) await executeClaimedRun(getDb(), claim!);
    // Whatever the racing claims left is still queued for the next turn, never lost.
    const left = await getDb().dataSourceRun.findMany({ where: { id: { in: more.map((r) => r.id) }, status: "queued" } });
    expect(claimedIds.length + left.length).toBe(more.length);
  });

  it("the worker loop picks up queued refreshes and two loops share them without overlap", async () => {
    await getDb().dataSourceRun.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "skipped", activeKey: null } });
    const sources = await Promise.all(Array.from({ length: 4 }, (_, i) => createSource({ kind: "upload", upload: `n\n${i}\n${i}\n` })));
    const first = startRefreshWorker({ pollMs: 20, workerId: "loop-1" });
    const second = startRefreshWorker({ pollMs: 20, workerId: "loop-2" });
    try {
      const runs = await Promise.all(sources.map((s) => requestRefresh(scope, s.id)));
      const finished = await waitFor(async () => {
        const rows = await getDb().dataSourceRun.findMany({ where: { id: { in: runs.map((r) => r.id) } } });
        return rows.every((r) => r.status === "successful") ? rows : null;
      });
      expect(finished.map((r) => r.rowCount)).toEqual([2, 2, 2, 2]);
      for (const run of runs) expect(await eventsForRun(run.id)).toHaveLength(1);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
