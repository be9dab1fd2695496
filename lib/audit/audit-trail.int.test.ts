import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as dataSources from "@/app/api/v1/instances/[instanceId]/data-sources/route";
import * as dataSource from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/route";
import * as refresh from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/refresh/route";
import * as uploads from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/uploads/route";
import * as registrations from "@/app/api/v1/instances/[instanceId]/trigger-registrations/route";
import * as registration from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/route";
import * as pause from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/pause/route";
import * as resume from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/resume/route";
import { type CallRouteInit, callRoute } from "../api/testing/call-route";
import { resetEncryptionKeyCache } from "../crypto/secret-box";
import { getDb } from "../db/client";
import { createDataSource } from "../datasources/create-data-source";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "../seed/demo-identity";
import { useTestDatabase } from "../testing/test-database";
import { createRegistration } from "../triggers/create-registration";
import type { AuditContext } from "./audit-context";

// Every audited change writes exactly one entry, in the change's own transaction: a change
// that fails writes none, and an entry that cannot be written undoes the change.

process.env.APP_ENCRYPTION_KEY = randomBytes(32).toString("base64");
process.env.DELIVERY_ALLOWED_HOSTS = "";
useTestDatabase();

const ADMIN_ID = "user-contoso-admin";
const ADMIN_NAME = "Avery Admin";
const instanceParams = { instanceId: DEMO_INSTANCE_ID };
const base = `/api/v1/instances/${DEMO_INSTANCE_ID}`;
// A Power Automate URL carries its credential in `sig`: the log must keep the host and path only.
const flowUrl = "https://8.8.8.8/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=SECRET-SIG-VALUE";
const fromWhere = { "x-forwarded-for": "203.0.113.7, 10.0.0.1", "user-agent": "audit-trail-test/1.0" };

const call = (handler: Parameters<typeof callRoute>[0], init: CallRouteInit) =>
  callRoute(handler, { as: "Admin", ...init, headers: { ...fromWhere, ...init.headers } });

const entriesFor = (targetId: string) =>
  getDb().auditEntry.findMany({ where: { tenantId: DEMO_TENANT_ID, targetId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

const auditCount = () => getDb().auditEntry.count();

let sourceId = "";

beforeAll(async () => {
  resetEncryptionKeyCache();
  await seedDemoIdentity(getDb());
});

describe("audit trail of data sources", () => {
  it("records create, upload, refresh request and delete, each once, with actor, target, changes and origin", async () => {
    const created = await call(dataSources.POST, {
      method: "POST",
      path: `${base}/data-sources`,
      params: instanceParams,
      body: { name: "Orders", kind: "upload", requiredColumns: ["order_id"] },
    });
    expect(created.status, created.text).toBe(201);
    sourceId = created.json.dataSource.id;

    let entries = await entriesFor(sourceId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      tenantId: DEMO_TENANT_ID,
      instanceId: DEMO_INSTANCE_ID,
      actorId: ADMIN_ID,
      actorName: ADMIN_NAME,
      action: "dataSource.created",
      targetType: "dataSource",
      targetId: sourceId,
      targetName: "Orders",
      ip: "203.0.113.7",
      userAgent: "audit-trail-test/1.0",
      changes: { name: { after: "Orders" }, kind: { after: "upload" }, requiredColumns: { after: ["order_id"] } },
    });

    const uploaded = await call(uploads.POST, {
      method: "POST",
      path: `${base}/data-sources/${sourceId}/uploads?fileName=orders.csv`,
      params: { ...instanceParams, dataSourceId: sourceId },
      rawBody: "order_id,total\n1,9.99\n",
      headers: { "content-type": "text/csv" },
    });
    expect(uploaded.status, uploaded.text).toBe(201);
    entries = await entriesFor(sourceId);
    expect(entries.map((e) => e.action)).toEqual(["dataSource.created", "dataSource.uploaded"]);
    expect(entries[1]!.changes).toEqual({ upload: { after: { id: expect.any(String), fileName: "orders.csv", sizeBytes: 22 } } });
    expect(JSON.stringify(entries[1]!.changes)).not.toContain("9.99");

    const refreshParams = { ...instanceParams, dataSourceId: sourceId };
    const first = await call(refresh.POST, { method: "POST", path: `${base}/data-sources/${sourceId}/refresh`, params: refreshParams });
    expect(first.status, first.text).toBe(202);
    // Joining the queued run changes nothing, so it records nothing.
    const again = await call(refresh.POST, { method: "POST", path: `${base}/data-sources/${sourceId}/refresh`, params: refreshParams });
    expect(again.json.run.id).toBe(first.json.run.id);
    entries = await entriesFor(sourceId);
    expect(entries.map((e) => e.action)).toEqual(["dataSource.created", "dataSource.uploaded", "dataSource.refreshRequested"]);
    expect(entries[2]!.changes).toEqual({ run: { after: { id: first.json.run.id, status: "queued", submissionKind: "onDemand" } } });

    const deleted = await call(dataSource.DELETE, {
      method: "DELETE",
      path: `${base}/data-sources/${sourceId}`,
      params: { ...instanceParams, dataSourceId: sourceId },
    });
    expect(deleted.status).toBe(204);
    entries = await entriesFor(sourceId);
    expect(entries.map((e) => e.action)).toEqual([
      "dataSource.created",
      "dataSource.uploaded",
      "dataSource.refreshRequested",
      "dataSource.deleted",
    ]);
    // The log outlives the data source it describes.
    expect(entries[3]).toMatchObject({ targetName: "Orders", changes: { name: { before: "Orders" }, kind: { before: "upload" } } });
  });

  it("writes no entry for a change that fails", async () => {
    const before = await auditCount();
    await getDb().dataSource.create({
      data: { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID, name: "Customers", kind: "file", location: "c.csv", requiredColumns: [] },
    });
    const duplicate = await call(dataSources.POST, {
      method: "POST",
      path: `${base}/data-sources`,
      params: instanceParams,
      body: { name: "Customers", kind: "upload", requiredColumns: [] },
    });
    expect(duplicate.status).toBe(409);
    const unknown = { ...instanceParams, dataSourceId: "no-such-source" };
    expect((await call(dataSource.DELETE, { method: "DELETE", path: `${base}/data-sources/x`, params: unknown })).status).toBe(404);
    expect((await call(refresh.POST, { method: "POST", path: `${base}/data-sources/x/refresh`, params: unknown })).status).toBe(404);
    expect(await auditCount()).toBe(before);
  });

  it("keeps a data source URL's query values out of the log", async () => {
    const created = await call(dataSources.POST, {
      method: "POST",
      path: `${base}/data-sources`,
      params: instanceParams,
      body: { name: "Remote", kind: "url", location: "https://8.8.8.8/export.csv?sv=2024&sig=SAS-TOKEN" },
    });
    expect(created.status, created.text).toBe(201);
    const [entry] = await entriesFor(created.json.dataSource.id);
    expect(entry!.changes).toMatchObject({ location: { after: "https://8.8.8.8/export.csv?sv=***&sig=***" } });
    expect(JSON.stringify(entry)).not.toContain("SAS-TOKEN");
  });
});

describe("audit trail of trigger registrations", () => {
  const itemParams = (registrationId: string) => ({ ...instanceParams, registrationId });
  const itemPath = (registrationId: string) => `${base}/trigger-registrations/${registrationId}`;

  it("records create, update, pause, resume and delete, each once, with before and after values and no secrets", async () => {
    const created = await call(registrations.POST, {
      method: "POST",
      path: `${base}/trigger-registrations`,
      params: instanceParams,
      body: { displayName: "Orders failed", type: "datasource.refresh.failed", parameters: { dataSourceId: null }, callbackUrl: flowUrl },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.registration.id as string;
    const secret = created.json.signingSecret as string;

    let entries = await entriesFor(id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: ADMIN_ID,
      actorName: ADMIN_NAME,
      action: "triggerRegistration.created",
      targetType: "triggerRegistration",
      targetName: "Orders failed",
      instanceId: DEMO_INSTANCE_ID,
      ip: "203.0.113.7",
      changes: {
        displayName: { after: "Orders failed" },
        type: { after: "datasource.refresh.failed" },
        // The endpoint went into a destination of its own, logged with it (its URL's secrets masked).
        destinationId: { after: created.json.registration.destination.id },
        status: { after: "active" },
      },
    });
    expect(entries[0]!.changes).not.toHaveProperty("callbackUrl");
    const destinationEntries = await entriesFor(created.json.registration.destination.id);
    expect(destinationEntries).toMatchObject([
      {
        action: "destination.created",
        targetType: "destination",
        targetName: "Orders failed",
        changes: {
          endpoint: { after: "https://8.8.8.8/workflows/abc/triggers/manual/paths/invoke?api-version=***&sig=***" },
          visibility: { after: "admins" },
        },
      },
    ]);

    const renamed = await call(registration.PATCH, {
      method: "PATCH",
      path: itemPath(id),
      params: itemParams(id),
      body: { displayName: "Orders refresh failed" },
    });
    expect(renamed.status, renamed.text).toBe(200);
    // Saving the same values again is no change and leaves no entry.
    await call(registration.PATCH, { method: "PATCH", path: itemPath(id), params: itemParams(id), body: { displayName: "Orders refresh failed" } });
    entries = await entriesFor(id);
    expect(entries.map((e) => e.action)).toEqual(["triggerRegistration.created", "triggerRegistration.updated"]);
    expect(entries[1]).toMatchObject({
      targetName: "Orders refresh failed",
      changes: { displayName: { before: "Orders failed", after: "Orders refresh failed" } },
    });
    expect(Object.keys(entries[1]!.changes as object)).toEqual(["displayName"]);

    expect((await call(pause.POST, { method: "POST", path: `${itemPath(id)}/pause`, params: itemParams(id) })).status).toBe(200);
    // Pausing a paused trigger is a conflict: no entry.
    expect((await call(pause.POST, { method: "POST", path: `${itemPath(id)}/pause`, params: itemParams(id) })).status).toBe(409);
    expect((await call(resume.POST, { method: "POST", path: `${itemPath(id)}/resume`, params: itemParams(id) })).status).toBe(200);
    entries = await entriesFor(id);
    expect(entries.slice(2).map((e) => [e.action, e.changes])).toEqual([
      ["triggerRegistration.paused", { status: { before: "active", after: "paused" } }],
      ["triggerRegistration.resumed", { status: { before: "paused", after: "active" } }],
    ]);

    expect((await call(registration.DELETE, { method: "DELETE", path: itemPath(id), params: itemParams(id) })).status).toBe(204);
    expect((await call(registration.DELETE, { method: "DELETE", path: itemPath(id), params: itemParams(id) })).status).toBe(404);
    entries = await entriesFor(id);
    expect(entries.map((e) => e.action)).toEqual([
      "triggerRegistration.created",
      "triggerRegistration.updated",
      "triggerRegistration.paused",
      "triggerRegistration.resumed",
      "triggerRegistration.deleted",
    ]);
    expect(entries[4]).toMatchObject({ targetName: "Orders refresh failed", changes: { status: { before: "active" } } });

    const everything = JSON.stringify(entries);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain("whsec_");
    expect(everything).not.toContain("SECRET-SIG-VALUE");
    expect(everything).not.toContain("secretCiphertext");
  });

  it("writes no entry when validation refuses the change", async () => {
    const before = await auditCount();
    const refused = await call(registrations.POST, {
      method: "POST",
      path: `${base}/trigger-registrations`,
      params: instanceParams,
      body: { displayName: "Private", type: "datasource.refresh.failed", parameters: { dataSourceId: null }, callbackUrl: "https://10.0.0.5/hook" },
    });
    expect(refused.status).toBe(422);
    expect(await auditCount()).toBe(before);
  });
});

describe("audit entries share the change's transaction", () => {
  // A context of another tenant makes recordAudit throw inside the transaction, after the
  // change itself was written: the change must be rolled back with it.
  const mismatched: AuditContext = { actorId: ADMIN_ID, actorName: ADMIN_NAME, tenantId: "another-tenant", ip: null, userAgent: null };
  const scope = { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID };

  it("leaves no data source when its entry cannot be written", async () => {
    const before = await auditCount();
    await expect(createDataSource(scope, { name: "Half written", kind: "upload", requiredColumns: [] }, mismatched)).rejects.toThrow(
      /another-tenant/,
    );
    expect(await getDb().dataSource.count({ where: { name: "Half written" } })).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  it("leaves no trigger registration when its entry cannot be written", async () => {
    const before = await auditCount();
    await expect(
      createRegistration(
        { ...scope, ownerId: ADMIN_ID },
        {
          displayName: "Half written",
          type: "datasource.refresh.failed",
          parameters: { dataSourceId: null },
          callbackUrl: "https://8.8.8.8/hook",
          destinationType: "webhook",
        },
        mismatched,
      ),
    ).rejects.toThrow(/another-tenant/);
    expect(await getDb().triggerRegistration.count({ where: { displayName: "Half written" } })).toBe(0);
    expect(await auditCount()).toBe(before);
  });
});
