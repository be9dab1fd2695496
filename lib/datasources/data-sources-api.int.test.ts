import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/instances/[instanceId]/data-sources/route";
import * as item from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/route";
import * as refresh from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/refresh/route";
import * as runs from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/runs/route";
import * as uploads from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/uploads/route";
import { bearerHeader, identityFor } from "../auth/testing/test-tokens";
import { TEST_ORIGIN, callRoute } from "../api/testing/call-route";
import { getDb } from "../db/client";
import { DEMO_INSTANCE_ID, seedDemoIdentity } from "../seed/demo-identity";
import { resetSettingsCache } from "../settings/settings";
import { useTestDatabase } from "../testing/test-database";
import { executeRun } from "./execute-run";
import { MAX_UPLOAD_BYTES, type TDataSource, type TDataSourceRun } from "./schemas";

process.env.DATA_SOURCES_DIR = mkdtempSync(path.join(os.tmpdir(), "ai-api-sources-"));
process.env.DELIVERY_ALLOWED_HOSTS = "";
useTestDatabase();

const base = `/api/v1/instances/${DEMO_INSTANCE_ID}/data-sources`;
const instanceParams = { instanceId: DEMO_INSTANCE_ID };
const sourceParams = (dataSourceId: string) => ({ instanceId: DEMO_INSTANCE_ID, dataSourceId });

let foreignSourceId = "";

beforeAll(async () => {
  resetSettingsCache();
  await seedDemoIdentity(getDb());
  await getDb().tenant.upsert({ where: { id: "fabrikam" }, update: {}, create: { id: "fabrikam", name: "Fabrikam" } });
  await getDb().instance.create({ data: { id: "fabrikam-main", tenantId: "fabrikam", name: "Fabrikam" } });
  foreignSourceId = (
    await getDb().dataSource.create({
      data: { tenantId: "fabrikam", instanceId: "fabrikam-main", name: "Theirs", kind: "upload", requiredColumns: [] },
    })
  ).id;
});

const create = (body: unknown) => callRoute<{ dataSource: TDataSource; error?: { code: string; message: string; details?: unknown } }>(collection.POST, { method: "POST", path: base, params: instanceParams, body });

const upload = async (dataSourceId: string, init: { body: BodyInit; contentType?: string; query?: string; headers?: Record<string, string> }) => {
  const headers = new Headers(init.headers);
  if (init.contentType) headers.set("content-type", init.contentType);
  if (!headers.has("authorization")) headers.set("authorization", (await bearerHeader(identityFor("Contributor"))).authorization);
  const req = new Request(new URL(`${base}/${dataSourceId}/uploads${init.query ?? ""}`, TEST_ORIGIN), {
    method: "POST",
    headers,
    body: init.body,
  });
  return uploads.POST(req, { params: Promise.resolve(sourceParams(dataSourceId)) }).then(async (res) => ({
    status: res.status,
    json: (await res.json()) as any,
  }));
};

const multipart = (field: string, csv: string, fileName = "customers.csv") => {
  const form = new FormData();
  form.set(field, new File([csv], fileName, { type: "text/csv" }));
  return form;
};

describe("data sources API", () => {
  it("creates, lists, gets and deletes data sources", async () => {
    const created = await create({ kind: "upload", name: "  Web customers ", requiredColumns: ["email"] });
    expect(created.status).toBe(201);
    expect(created.json.dataSource).toMatchObject({
      instanceId: DEMO_INSTANCE_ID,
      name: "Web customers",
      kind: "upload",
      location: null,
      requiredColumns: ["email"],
      latestUpload: null,
      lastRun: null,
    });
    const id = created.json.dataSource.id;

    const file = await create({ kind: "file", name: "Loyalty", location: "./contoso//loyalty.csv" });
    expect(file.status).toBe(201);
    expect(file.json.dataSource).toMatchObject({ kind: "file", location: "contoso/loyalty.csv", requiredColumns: [] });

    const list = await callRoute<{ dataSources: TDataSource[] }>(collection.GET, { path: base, params: instanceParams });
    expect(list.status).toBe(200);
    expect(list.json.dataSources.map((s) => s.name)).toEqual(["Loyalty", "Web customers"]);

    const got = await callRoute(item.GET, { path: `${base}/${id}`, params: sourceParams(id) });
    expect(got.status).toBe(200);
    expect(got.json.dataSource.id).toBe(id);

    const deleted = await callRoute(item.DELETE, { method: "DELETE", path: `${base}/${id}`, params: sourceParams(id) });
    expect(deleted.status).toBe(204);
    expect((await callRoute(item.GET, { path: `${base}/${id}`, params: sourceParams(id) })).status).toBe(404);
    expect((await callRoute(item.DELETE, { method: "DELETE", path: `${base}/${id}`, params: sourceParams(id) })).status).toBe(404);
  });

  it.each([
    { name: "a missing kind", body: { name: "X" }, status: 422 },
    { name: "an unknown kind", body: { kind: "ftp", name: "X" }, status: 422 },
    { name: "an empty name", body: { kind: "upload", name: "  " }, status: 422 },
    { name: "an unknown field", body: { kind: "upload", name: "X", extra: 1 }, status: 422 },
    { name: "duplicate required columns", body: { kind: "upload", name: "X", requiredColumns: ["a", "A"] }, status: 422 },
    { name: "a plain http URL", body: { kind: "url", name: "X", location: "http://example.com/a.csv" }, status: 422 },
    { name: "a URL on a private address", body: { kind: "url", name: "X", location: "https://10.0.0.8/a.csv" }, status: 422 },
    { name: "a file path escaping the directory", body: { kind: "file", name: "X", location: "../../etc/passwd" }, status: 422 },
    { name: "an absolute path elsewhere", body: { kind: "file", name: "X", location: "/etc/passwd" }, status: 422 },
    { name: "a file source without a path", body: { kind: "file", name: "X" }, status: 422 },
  ])("refuses $name with a JSON error and writes nothing", async ({ body, status }) => {
    const before = await getDb().dataSource.count();
    const res = await create(body);
    expect(res.status).toBe(status);
    expect(res.json.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    expect(await getDb().dataSource.count()).toBe(before);
  });

  it("refuses a URL the SSRF guard refuses in the data source's own words, as a validation error of the location", async () => {
    const privateAddress = await create({ kind: "url", name: "X", location: "https://10.0.0.8/a.csv" });
    expect(privateAddress.json.error).toEqual({
      code: "validation_failed",
      message: "The data source URL points at 10.0.0.8, a private or reserved address that data sources may not read from.",
      details: { reason: "private_address", host: "10.0.0.8", field: "location" },
    });
    const credentials = await create({ kind: "url", name: "X", location: "https://user:secret@example.com/a.csv" });
    expect(credentials.json.error).toEqual({
      code: "validation_failed",
      message: "The data source URL must not contain a user name or password.",
      details: { reason: "credentials", field: "location" },
    });
  });

  it("answers 400 for malformed JSON and 409 for a duplicate name", async () => {
    const bad = await callRoute(collection.POST, {
      method: "POST",
      path: base,
      params: instanceParams,
      rawBody: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("invalid_json");
    expect((await create({ kind: "upload", name: "Twice" })).status).toBe(201);
    const again = await create({ kind: "upload", name: "Twice" });
    expect(again.status).toBe(409);
    expect(again.json.error?.message).toMatch(/"Twice" already exists/);
    expect(again.json.error?.details).toEqual({ reason: "name_taken", name: "Twice" });
  });

  it("uploads a CSV as multipart or raw text/csv; the latest upload is what a refresh reads", async () => {
    const id = (await create({ kind: "upload", name: "Uploads", requiredColumns: ["email"] })).json.dataSource.id;
    const first = await upload(id, { body: multipart("file", "email\na@example.com\n") });
    expect(first.status).toBe(201);
    expect(first.json.dataSource.latestUpload).toMatchObject({ fileName: "customers.csv", sizeBytes: 20 });

    const second = await upload(id, { body: "email\nb@example.com\nc@example.com\n", contentType: "text/csv", query: "?fileName=march.csv" });
    expect(second.status).toBe(201);
    expect(second.json.dataSource.latestUpload).toMatchObject({ fileName: "march.csv" });

    const queued = await callRoute<{ run: TDataSourceRun }>(refresh.POST, { method: "POST", path: `${base}/${id}/refresh`, params: sourceParams(id) });
    expect(queued.status).toBe(202);
    expect(queued.json.run).toMatchObject({ status: "queued", dataSourceId: id });
    const again = await callRoute(refresh.POST, { method: "POST", path: `${base}/${id}/refresh`, params: sourceParams(id) });
    expect(again.json.run.id).toBe(queued.json.run.id);

    await executeRun(queued.json.run.id);
    const history = await callRoute<{ runs: TDataSourceRun[] }>(runs.GET, { path: `${base}/${id}/runs`, params: sourceParams(id) });
    expect(history.status).toBe(200);
    expect(history.json.runs).toHaveLength(1);
    expect(history.json.runs[0]).toMatchObject({ status: "successful", rowCount: 2 });
    const got = await callRoute(item.GET, { path: `${base}/${id}`, params: sourceParams(id) });
    expect(got.json.dataSource.lastRun).toMatchObject({ id: queued.json.run.id, status: "successful" });
  });

  it("refuses bad uploads with 4xx JSON errors and stores nothing", async () => {
    const id = (await create({ kind: "upload", name: "Strict uploads" })).json.dataSource.id;
    const fileSource = (await create({ kind: "file", name: "A file", location: "a.csv" })).json.dataSource.id;
    const cases = [
      {
        res: await upload(fileSource, { body: "a\n1\n", contentType: "text/csv" }),
        status: 409,
        message: /only be uploaded to upload data sources/,
        details: { reason: "upload_only", kind: "file" },
      },
      { res: await upload(id, { body: "", contentType: "text/csv" }), status: 422, message: /file is empty/, details: { reason: "file_empty" } },
      { res: await upload(id, { body: JSON.stringify({ a: 1 }), contentType: "application/json" }), status: 415, message: /multipart\/form-data/ },
      { res: await upload(id, { body: multipart("document", "a\n1\n") }), status: 422, message: /form field named "file"/, details: { reason: "file_missing" } },
      {
        res: await upload(id, { body: "--x\r\nbroken", contentType: "multipart/form-data; boundary=x" }),
        status: 400,
        message: /multipart form could not be read/,
      },
      {
        res: await upload(id, { body: new Uint8Array(MAX_UPLOAD_BYTES + 1), contentType: "text/csv" }),
        status: 413,
        message: /larger than 50 MB/,
        details: { reason: "file_too_large", limitBytes: MAX_UPLOAD_BYTES },
      },
      {
        res: await upload("no-such-source", { body: "a\n1\n", contentType: "text/csv" }),
        status: 404,
        message: /not found/,
        details: { resource: "dataSource" },
      },
      { res: await upload(foreignSourceId, { body: "a\n1\n", contentType: "text/csv" }), status: 404, message: /not found/ },
      { res: await upload("bad id!", { body: "a\n1\n", contentType: "text/csv" }), status: 422, message: /Invalid path/ },
    ];
    for (const { res, status, message, details } of cases as { res: typeof cases[number]["res"]; status: number; message: RegExp; details?: object }[]) {
      expect({ status: res.status, message: res.json.error?.message }).toEqual({ status, message: expect.stringMatching(message) });
      // The reason and values the UI shows its own sentence from (lib/i18n/error-messages.ts).
      if (details) expect(res.json.error?.details).toMatchObject(details);
    }
    expect(await getDb().dataSourceUpload.count({ where: { dataSourceId: { in: [id, fileSource, foreignSourceId] } } })).toBe(0);
  });

  it("scopes everything to the caller's tenant and validates params and queries", async () => {
    const foreign = sourceParams(foreignSourceId);
    expect((await callRoute(item.GET, { path: `${base}/${foreignSourceId}`, params: foreign })).status).toBe(404);
    expect((await callRoute(item.DELETE, { method: "DELETE", path: `${base}/${foreignSourceId}`, params: foreign })).status).toBe(404);
    expect((await callRoute(refresh.POST, { method: "POST", path: `${base}/${foreignSourceId}/refresh`, params: foreign })).status).toBe(404);
    expect((await callRoute(runs.GET, { path: `${base}/${foreignSourceId}/runs`, params: foreign })).status).toBe(404);
    expect(await getDb().dataSource.count({ where: { id: foreignSourceId } })).toBe(1);
    expect(
      (await callRoute(collection.GET, { path: "/api/v1/instances/fabrikam-main/data-sources", params: { instanceId: "fabrikam-main" } })).status,
    ).toBe(404);

    const id = (await create({ kind: "upload", name: "Query checks" })).json.dataSource.id;
    for (const limit of ["0", "abc", "1000"]) {
      const res = await callRoute(runs.GET, { path: `${base}/${id}/runs?limit=${limit}`, params: sourceParams(id) });
      expect(res.status).toBe(422);
      expect(res.json.error.code).toBe("validation_failed");
    }
    const bad = await callRoute(item.GET, { path: `${base}/x`, params: sourceParams("../etc") });
    expect(bad.status).toBe(422);
  });

  it("lets Viewers read but not write", async () => {
    expect((await callRoute(collection.GET, { path: base, params: instanceParams, as: "Viewer" })).status).toBe(200);
    const denied = await callRoute(collection.POST, {
      method: "POST",
      path: base,
      params: instanceParams,
      body: { kind: "upload", name: "Not allowed" },
      as: "Viewer",
    });
    expect(denied.status).toBe(403);
    expect(denied.json.error).toMatchObject({ code: "forbidden", details: { reason: "role_required", role: "Contributor" } });
  });
});
