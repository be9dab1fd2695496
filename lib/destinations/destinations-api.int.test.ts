import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/instances/[instanceId]/destinations/route";
import * as item from "@/app/api/v1/instances/[instanceId]/destinations/[destinationId]/route";
import * as registrations from "@/app/api/v1/instances/[instanceId]/trigger-registrations/route";
import * as draftTestFire from "@/app/api/v1/instances/[instanceId]/trigger-registrations/test-fire/route";
import { callRoute } from "../api/testing/call-route";
import { decryptSecret } from "../crypto/secret-box";
import { getDb } from "../db/client";
import { closeDeliveryAgent } from "../delivery/send-webhook";
import { startWebhookReceiver, type WebhookReceiver } from "../delivery/testing/webhook-receiver";
import { DEMO_INSTANCE_ID } from "../seed/demo-identity";
import { seedIdentity, useFixedEncryptionKey } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";

useFixedEncryptionKey();
process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
useTestDatabase();

const base = `/api/v1/instances/${DEMO_INSTANCE_ID}/destinations`;
const params = { instanceId: DEMO_INSTANCE_ID };
const itemParams = (destinationId: string) => ({ instanceId: DEMO_INSTANCE_ID, destinationId });
let receiver: WebhookReceiver;

const create = (body: Record<string, unknown>, as: "Admin" | "Contributor" = "Admin") =>
  callRoute(collection.POST, { method: "POST", path: base, params, body, as });
const list = (as: "Admin" | "Contributor" | "Viewer") => callRoute(collection.GET, { path: base, params, as });
const registerOn = (destinationId: string, displayName: string) =>
  callRoute(registrations.POST, {
    method: "POST",
    path: `/api/v1/instances/${DEMO_INSTANCE_ID}/trigger-registrations`,
    params,
    body: { displayName, type: "datasource.refresh.failed", parameters: { dataSourceId: null }, destinationId },
  });

beforeAll(async () => {
  await seedIdentity(getDb());
  receiver = await startWebhookReceiver(() => ({ status: 204 }));
});

afterAll(async () => {
  await closeDeliveryAgent();
  await receiver.close();
});

describe("export destinations API", () => {
  it("lets an Admin add one, answering its secret once; names are unique and endpoints checked", async () => {
    const created = await create({ displayName: "Sales hooks", type: "webhook", endpoint: "https://8.8.8.8/sales" });
    expect(created.status, created.text).toBe(201);
    const { destination, signingSecret } = created.json;
    expect(destination).toMatchObject({ displayName: "Sales hooks", type: "webhook", endpoint: "https://8.8.8.8/sales", visibility: "everyone", status: "unused", triggerCount: 0, lastDeliveryAt: null });
    expect(created.headers.get("location")).toBe(`http://localhost:3000${base}/${destination.id}`);
    const row = await getDb().destination.findUniqueOrThrow({ where: { id: destination.id }, omit: { secretCiphertext: false } });
    expect(decryptSecret(row.secretCiphertext)).toBe(signingSecret);
    expect(JSON.stringify((await callRoute(item.GET, { path: `${base}/${destination.id}`, params: itemParams(destination.id), as: "Admin" })).json)).not.toContain(signingSecret);

    const twin = await create({ displayName: "Sales hooks", type: "teams", endpoint: "https://8.8.8.8/other" });
    expect(twin.status).toBe(409);
    expect(twin.json.error.details).toMatchObject({ reason: "destination_name_taken", name: "Sales hooks" });
    const refused = await create({ displayName: "Private", type: "webhook", endpoint: "https://10.0.0.1/x" });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe("callback_url_refused");
    expect((await create({ displayName: "Nope", type: "webhook", endpoint: "https://8.8.8.8/x" }, "Contributor")).status).toBe(403);
  });

  it("shows Contributors and Viewers only shared destinations, by id, name and type", async () => {
    const shared = (await create({ displayName: "Shared flow", type: "powerAutomate", endpoint: "https://8.8.8.8/flow" })).json.destination;
    const adminsOnly = (await create({ displayName: "Admins' Teams", type: "teams", endpoint: "https://8.8.8.8/teams", visibility: "admins" })).json.destination;

    const asAdmin = await list("Admin");
    expect(asAdmin.json.destinations.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([shared.id, adminsOnly.id]));
    for (const role of ["Contributor", "Viewer"] as const) {
      const listed = await list(role);
      expect(listed.status).toBe(200);
      expect(listed.json.destinations).toContainEqual({ id: shared.id, displayName: "Shared flow", type: "powerAutomate" });
      expect(listed.json.destinations.map((d: { id: string }) => d.id)).not.toContain(adminsOnly.id);
      for (const destination of listed.json.destinations) expect(Object.keys(destination).sort()).toEqual(["displayName", "id", "type"]);
    }
    const hidden = await callRoute(item.GET, { path: `${base}/${adminsOnly.id}`, params: itemParams(adminsOnly.id) });
    expect(hidden.status).toBe(404);
    expect(hidden.json.error.details).toMatchObject({ resource: "destination" });
  });

  it("lets a Contributor set a trigger up on a shared destination, never on an Admins-only one", async () => {
    const shared = (await create({ displayName: "Ops webhook", type: "webhook", endpoint: receiver.url("/ops") })).json.destination;
    const adminsOnly = (await create({ displayName: "Finance", type: "webhook", endpoint: "https://8.8.8.8/fin", visibility: "admins" })).json.destination;

    const created = await registerOn(shared.id, "Failures to ops");
    expect(created.status, created.text).toBe(201);
    // The secret is the destination's, its Admins': not handed to whoever sets a trigger up on it.
    expect(created.json.signingSecret).toBeUndefined();
    expect(created.json.registration).toMatchObject({ destination: { id: shared.id, displayName: "Ops webhook", type: "webhook" }, callbackUrl: null });

    const refused = await registerOn(adminsOnly.id, "Sneaky");
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toMatchObject({ reason: "destination_not_available", issues: [{ path: "destinationId" }] });
    const both = await callRoute(registrations.POST, {
      method: "POST",
      params,
      body: { displayName: "Both", type: "datasource.refresh.failed", parameters: { dataSourceId: null }, destinationId: shared.id, callbackUrl: "https://8.8.8.8/x" },
    });
    expect(both.status).toBe(422);

    // The wizard's test before saving signs with the destination's secret and does not answer it.
    const tested = await callRoute(draftTestFire.POST, {
      method: "POST",
      params,
      body: { type: "datasource.refresh.failed", parameters: { dataSourceId: null }, destinationId: shared.id },
    });
    expect(tested.status, tested.text).toBe(200);
    expect(tested.json.attempt.outcome).toBe("succeeded");
    expect(tested.json.signingSecret).toBeUndefined();
    expect(receiver.received.at(-1)?.path).toBe("/ops");

    const asAdmin = await callRoute(item.GET, { path: `${base}/${shared.id}`, params: itemParams(shared.id), as: "Admin" });
    expect(asAdmin.json.destination).toMatchObject({ triggerCount: 1, status: "active" });
  });

  it("renames, rotates the secret (answered once) and refuses a taken name", async () => {
    const { destination } = (await create({ displayName: "Rotating", type: "webhook", endpoint: "https://8.8.8.8/r" })).json;
    const patch = (body: Record<string, unknown>) =>
      callRoute(item.PATCH, { method: "PATCH", path: `${base}/${destination.id}`, params: itemParams(destination.id), body, as: "Admin" });
    const rotated = await patch({ displayName: "Rotated", rotateSecret: true });
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.json.destination.displayName).toBe("Rotated");
    const row = await getDb().destination.findUniqueOrThrow({ where: { id: destination.id }, omit: { secretCiphertext: false } });
    expect(decryptSecret(row.secretCiphertext)).toBe(rotated.json.signingSecret);
    const renamedOnly = await patch({ displayName: "Rotated again" });
    expect(renamedOnly.json.signingSecret).toBeUndefined();
    expect((await patch({ displayName: "Sales hooks" })).json.error.details).toMatchObject({ reason: "destination_name_taken" });
    expect((await patch({ type: "teams" })).status).toBe(422);
  });

  it("refuses to remove a destination in use, naming its triggers, unless asked to remove them too", async () => {
    const { destination } = (await create({ displayName: "Doomed", type: "webhook", endpoint: "https://8.8.8.8/doomed" })).json;
    const first = (await registerOn(destination.id, "First on doomed")).json.registration;
    const second = (await registerOn(destination.id, "Second on doomed")).json.registration;
    const remove = (query = "") =>
      callRoute(item.DELETE, { method: "DELETE", path: `${base}/${destination.id}${query}`, params: itemParams(destination.id), as: "Admin" });

    const refused = await remove();
    expect(refused.status).toBe(409);
    expect(refused.json.error.details).toEqual({
      reason: "destination_in_use",
      name: "Doomed",
      triggers: [
        { id: first.id, displayName: "First on doomed" },
        { id: second.id, displayName: "Second on doomed" },
      ],
    });
    expect(await getDb().destination.count({ where: { id: destination.id } })).toBe(1);

    const removed = await remove("?withTriggers=true");
    expect(removed.status, removed.text).toBe(204);
    expect(await getDb().destination.count({ where: { id: destination.id } })).toBe(0);
    expect(await getDb().triggerRegistration.count({ where: { id: { in: [first.id, second.id] } } })).toBe(0);
    const entries = await getDb().auditEntry.findMany({ where: { targetId: { in: [destination.id, first.id, second.id] }, action: { endsWith: ".deleted" } } });
    expect(entries.map((entry) => entry.action).sort()).toEqual(["destination.deleted", "triggerRegistration.deleted", "triggerRegistration.deleted"]);
    expect((await remove()).status).toBe(404);
  });
});
