import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/instances/[instanceId]/trigger-registrations/route";
import * as item from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/route";
import { callRoute } from "../api/testing/call-route";
import { resetEncryptionKeyCache } from "../crypto/secret-box";
import { getDb } from "../db/client";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "../seed/demo-identity";
import { useTestDatabase } from "../testing/test-database";

// A PATCH carries parameters without the type: the stored registration's type decides them.

process.env.APP_ENCRYPTION_KEY = randomBytes(32).toString("base64");
process.env.DELIVERY_ALLOWED_HOSTS = "";
useTestDatabase();

const instanceParams = { instanceId: DEMO_INSTANCE_ID };
let sourceId = "";

beforeAll(async () => {
  resetEncryptionKeyCache();
  await seedDemoIdentity(getDb());
  sourceId = (
    await getDb().dataSource.create({ data: { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID, name: "Orders", kind: "upload", requiredColumns: [] } })
  ).id;
});

const createOne = async () => {
  const created = await callRoute(collection.POST, {
    method: "POST",
    params: instanceParams,
    body: { displayName: "Any refresh", type: "datasource.refresh.succeeded", parameters: { dataSourceId: null }, callbackUrl: "https://8.8.8.8/hooks" },
  });
  expect(created.status).toBe(201);
  return created.json.registration.id as string;
};

const patch = (registrationId: string, body: unknown) =>
  callRoute(item.PATCH, { method: "PATCH", params: { instanceId: DEMO_INSTANCE_ID, registrationId }, body });

describe("PATCH parameters", () => {
  it("checks them against the stored type, and the column follows", async () => {
    const id = await createOne();
    const patched = await patch(id, { parameters: { dataSourceId: sourceId } });
    expect(patched.status).toBe(200);
    expect(patched.json.registration).toMatchObject({ type: "datasource.refresh.succeeded", parameters: { dataSourceId: sourceId }, dataSourceName: "Orders" });
    const row = await getDb().triggerRegistration.findUniqueOrThrow({ where: { id } });
    expect(row.dataSourceId).toBe(sourceId);
    expect(row.parameters).toEqual({ dataSourceId: sourceId });
  });

  it("refuses parameters the type does not take with 422 on their path, and changes nothing", async () => {
    const id = await createOne();
    for (const parameters of [{ dataSourceId: "../etc" }, {}, { dataSourceId: 7 }]) {
      const refused = await patch(id, { parameters });
      expect(refused.status).toBe(422);
      expect(refused.json.error).toMatchObject({ code: "validation_failed", details: { issues: [{ path: "parameters.dataSourceId" }] } });
    }
    expect((await patch(id, { parameters: "x" })).status).toBe(422);
    const row = await getDb().triggerRegistration.findUniqueOrThrow({ where: { id } });
    expect(row.dataSourceId).toBeNull();
  });
});
