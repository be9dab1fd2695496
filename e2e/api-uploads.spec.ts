import { MAX_UPLOAD_BYTES } from "../lib/datasources/schemas";
import { connectorToken } from "./fixtures/identity";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// Uploads through the production server's whole request path, proxy included: Next.js hands
// the proxy a copy of every request body and, past its buffer limit (10 MB unless configured),
// cuts the body the route handler reads at that limit, silently.

type Uploaded = { dataSource: { latestUpload: { sizeBytes: number } | null } };

test("a CSV upload larger than Next's default proxy body buffer arrives whole", async ({ request }) => {
  test.setTimeout(120_000);
  const headers = { authorization: `Bearer ${await connectorToken()}` };
  const created = await request.post(`/api/v1/instances/${DEMO_INSTANCE_ID}/data-sources`, {
    headers,
    data: { kind: "upload", name: `Large upload ${Date.now()}`, requiredColumns: ["email"] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { dataSource } = (await created.json()) as { dataSource: { id: string } };

  // 12 MB of rows, well within the product's 50 MB upload limit.
  const row = "someone@example.com\n";
  const csv = Buffer.from(`email\n${row.repeat(Math.ceil((12 * 1024 * 1024) / row.length))}`);
  expect(csv.byteLength).toBeLessThan(MAX_UPLOAD_BYTES);
  const uploaded = await request.post(`/api/v1/instances/${DEMO_INSTANCE_ID}/data-sources/${dataSource.id}/uploads`, {
    headers: { ...headers, "content-type": "text/csv" },
    data: csv,
    timeout: 90_000,
  });
  expect(uploaded.status(), (await uploaded.text()).slice(0, 300)).toBe(201);
  expect(((await uploaded.json()) as Uploaded).dataSource.latestUpload?.sizeBytes).toBe(csv.byteLength);

  // Gone again: every full refresh of the demo instance would otherwise ingest its 12 MB.
  const deleted = await request.delete(`/api/v1/instances/${DEMO_INSTANCE_ID}/data-sources/${dataSource.id}`, { headers });
  expect(deleted.status(), await deleted.text()).toBe(204);
});
