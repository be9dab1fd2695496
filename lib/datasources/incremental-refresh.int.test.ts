import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { seedDemoIdentity } from "../seed/demo-identity";
import { resetSettingsCache } from "../settings/settings";
import { useTestDatabase } from "../testing/test-database";
import { getColumnSamples } from "./column-samples";
import { executeRun } from "./execute-run";
import { getDataSourceRun } from "./get-run";
import { requestRefresh } from "./request-refresh";
import { createRegistrationWatching, createSource, eventsForRun, scope } from "../testing/factories";

const sourcesDir = mkdtempSync(path.join(os.tmpdir(), "ai-incremental-"));
process.env.DATA_SOURCES_DIR = sourcesDir;
useTestDatabase();

beforeAll(async () => {
  resetSettingsCache();
  await seedDemoIdentity(getDb());
});

afterAll(() => rmSync(sourcesDir, { recursive: true, force: true }));

const refreshNow = async (dataSourceId: string) => {
  const run = await requestRefresh(scope, dataSourceId);
  const finished = await executeRun(run.id, { workerId: "test" });
  if (!finished) throw new Error("The run could not be claimed.");
  return finished;
};

const rowsOf = async (dataSourceId: string) =>
  (await getDb().dataSourceRow.findMany({ where: { dataSourceId }, orderBy: { rowNumber: "asc" } })).map((row) => ({
    id: row.id,
    runId: row.runId,
    data: row.data,
  }));

const storedRun = (id: string) => getDb().dataSourceRun.findUniqueOrThrow({ where: { id } });

const csv = "email,city\na@example.com,Lyon\nb@example.com,Girona\n";

describe("refreshing content whose fingerprint is that of the stored rows", () => {
  it("keeps the rows untouched, succeeds with their count and header, flags the run and still fires the event", async () => {
    writeFileSync(path.join(sourcesDir, "same.csv"), csv);
    const source = await createSource({ kind: "file", location: "same.csv", requiredColumns: ["email"] });
    const registration = await createRegistrationWatching({ type: "datasource.refresh.succeeded", dataSourceId: source.id });

    const first = await refreshNow(source.id);
    expect(first).toMatchObject({ status: "successful", rowCount: 2, contentUnchanged: false });
    const rows = await rowsOf(source.id);
    expect(rows.map((row) => row.runId)).toEqual([first.id, first.id]);

    const second = await refreshNow(source.id);
    expect(second).toMatchObject({ status: "successful", rowCount: 2, columns: ["email", "city"], contentUnchanged: true, error: null });
    expect(await rowsOf(source.id)).toEqual(rows);
    const stored = await storedRun(second.id);
    expect(stored.contentHash).toBe((await storedRun(first.id)).contentHash);
    expect(stored.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rowsRunId).toBe(first.id);
    expect((await getDataSourceRun(scope, source.id, second.id)).contentUnchanged).toBe(true);

    const [event, ...more] = await eventsForRun(second.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ type: "datasource.refresh.succeeded" });
    expect(event!.body.data).toMatchObject({ run: { id: second.id, status: "successful", rowCount: 2 } });
    expect(event!.deliveries.map((d) => d.registrationId)).toEqual([registration.id]);

    // A third identical refresh compares with the second, which holds the same rows.
    const third = await refreshNow(source.id);
    expect(third).toMatchObject({ status: "successful", contentUnchanged: true, rowCount: 2 });
    expect(await rowsOf(source.id)).toEqual(rows);
    // Column samples read the kept rows.
    expect((await getColumnSamples(scope, source.id)).columns.find((c) => c.column === "city")?.samples).toEqual(["Lyon", "Girona"]);
  });

  it("re-ingests when one byte changes", async () => {
    writeFileSync(path.join(sourcesDir, "byte.csv"), csv);
    const source = await createSource({ kind: "file", location: "byte.csv" });
    const first = await refreshNow(source.id);
    writeFileSync(path.join(sourcesDir, "byte.csv"), csv.replace("Lyon", "Lyom"));
    const second = await refreshNow(source.id);
    expect(second).toMatchObject({ status: "successful", rowCount: 2, contentUnchanged: false });
    const rows = await rowsOf(source.id);
    expect(rows.map((row) => row.runId)).toEqual([second.id, second.id]);
    expect(rows[0]!.data).toEqual({ email: "a@example.com", city: "Lyom" });
    expect((await storedRun(second.id)).contentHash).not.toBe((await storedRun(first.id)).contentHash);
  });

  it("re-ingests when the required columns change, and fails as before when they are missing", async () => {
    writeFileSync(path.join(sourcesDir, "required.csv"), csv);
    const source = await createSource({ kind: "file", location: "required.csv", requiredColumns: ["email"] });
    await refreshNow(source.id);
    await getDb().dataSource.update({ where: { id: source.id }, data: { requiredColumns: ["email", "city"] } });
    const second = await refreshNow(source.id);
    expect(second).toMatchObject({ status: "successful", contentUnchanged: false });
    expect((await rowsOf(source.id)).map((row) => row.runId)).toEqual([second.id, second.id]);

    await getDb().dataSource.update({ where: { id: source.id }, data: { requiredColumns: ["email", "country"] } });
    const third = await refreshNow(source.id);
    expect(third).toMatchObject({ status: "failed", contentUnchanged: false, error: { code: "missing_columns" } });
    expect((await rowsOf(source.id)).map((row) => row.runId)).toEqual([second.id, second.id]);
  });

  it("after a failed refresh, compares with the run whose rows are stored; an old run without a fingerprint never matches", async () => {
    writeFileSync(path.join(sourcesDir, "after-failure.csv"), csv);
    const source = await createSource({ kind: "file", location: "after-failure.csv" });
    const first = await refreshNow(source.id);
    writeFileSync(path.join(sourcesDir, "after-failure.csv"), 'email,city\n"a@example.com,Lyon\n');
    expect(await refreshNow(source.id)).toMatchObject({ status: "failed" });
    writeFileSync(path.join(sourcesDir, "after-failure.csv"), csv);
    const third = await refreshNow(source.id);
    expect(third).toMatchObject({ status: "successful", contentUnchanged: true });
    expect((await storedRun(third.id)).rowsRunId).toBe(first.id);

    // Runs from before fingerprints: unknown content, so the next refresh parses and writes.
    await getDb().dataSourceRun.updateMany({ where: { dataSourceId: source.id }, data: { contentHash: null } });
    const fourth = await refreshNow(source.id);
    expect(fourth).toMatchObject({ status: "successful", contentUnchanged: false });
    expect((await rowsOf(source.id)).map((row) => row.runId)).toEqual([fourth.id, fourth.id]);
  });

  it("an empty file refreshed twice keeps its (no) rows and is flagged", async () => {
    writeFileSync(path.join(sourcesDir, "empty.csv"), "email,city\n");
    const source = await createSource({ kind: "file", location: "empty.csv" });
    expect(await refreshNow(source.id)).toMatchObject({ status: "successful", rowCount: 0, contentUnchanged: false });
    expect(await refreshNow(source.id)).toMatchObject({ status: "successful", rowCount: 0, columns: ["email", "city"], contentUnchanged: true });
  });

  it("a missing file still fails as before", async () => {
    writeFileSync(path.join(sourcesDir, "gone.csv"), csv);
    const source = await createSource({ kind: "file", location: "gone.csv" });
    const first = await refreshNow(source.id);
    rmSync(path.join(sourcesDir, "gone.csv"));
    expect(await refreshNow(source.id)).toMatchObject({ status: "failed", contentUnchanged: false, error: { code: "file_missing" } });
    expect((await rowsOf(source.id)).map((row) => row.runId)).toEqual([first.id, first.id]);
  });
});
