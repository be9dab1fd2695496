import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { seedDemoIdentity } from "../seed/demo-identity";
import { createSource, scope } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import { getColumnSamples } from "./column-samples";
import { executeRun } from "./execute-run";
import { requestRefresh } from "./request-refresh";

useTestDatabase();

beforeAll(async () => {
  await seedDemoIdentity(getDb());
});

const refreshNow = async (dataSourceId: string) => {
  const run = await requestRefresh(scope, dataSourceId);
  const finished = await executeRun(run.id, { workerId: "test" });
  if (!finished) throw new Error("The run could not be claimed.");
  return finished;
};

describe("getColumnSamples", () => {
  it("samples the rows of the last successful refresh, in the header's order", async () => {
    const source = await createSource({ kind: "upload", upload: "id,email,city\n1,a@example.com,Girona\n2,b@example.com,\n3,a@example.com,Lyon\n" });
    const run = await refreshNow(source.id);
    expect(run.status).toBe("successful");
    expect(await getColumnSamples(scope, source.id)).toEqual({
      runId: run.id,
      columns: [
        { column: "id", samples: ["1", "2", "3"] },
        { column: "email", samples: ["a@example.com", "b@example.com"] },
        { column: "city", samples: ["Girona", "Lyon"] },
      ],
    });
  });

  it("keeps the last successful refresh's samples after a failed one", async () => {
    const source = await createSource({ kind: "upload", requiredColumns: ["email"], upload: "email\nfirst@example.com\n" });
    const good = await refreshNow(source.id);
    await getDb().dataSourceUpload.create({
      data: { dataSourceId: source.id, fileName: "broken.csv", sizeBytes: 7, content: new Uint8Array(Buffer.from("name\nx\n")), uploadedAt: new Date(Date.now() + 60_000) },
    });
    const bad = await refreshNow(source.id);
    expect(bad.status).toBe("failed");
    expect(await getColumnSamples(scope, source.id)).toEqual({ runId: good.id, columns: [{ column: "email", samples: ["first@example.com"] }] });
  });

  it("has no columns before any successful refresh", async () => {
    const source = await createSource({ kind: "upload" });
    expect(await getColumnSamples(scope, source.id)).toEqual({ runId: null, columns: [] });
  });

  it("does not find a data source of another instance", async () => {
    const source = await createSource({ kind: "upload", upload: "email\na@example.com\n" });
    await refreshNow(source.id);
    await expect(getColumnSamples({ ...scope, instanceId: "another-instance" }, source.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getColumnSamples({ ...scope, tenantId: "another-tenant" }, source.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
