import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/instances/[instanceId]/trigger-registrations/route";
import * as item from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/route";
import * as pause from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/pause/route";
import * as resume from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/resume/route";
import { callRoute } from "../api/testing/call-route";
import { decryptSecret, resetEncryptionKeyCache } from "../crypto/secret-box";
import { getDb } from "../db/client";
import { generateSigningSecret } from "../crypto/signing-secret";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "../seed/demo-identity";
import { useTestDatabase } from "../testing/test-database";

process.env.APP_ENCRYPTION_KEY = randomBytes(32).toString("base64");
process.env.DELIVERY_ALLOWED_HOSTS = "";
useTestDatabase();

const base = `/api/v1/instances/${DEMO_INSTANCE_ID}/trigger-registrations`;
const instanceParams = { instanceId: DEMO_INSTANCE_ID };
// An IP literal: public, so allowed without depending on DNS.
const publicUrl = "https://8.8.8.8/hooks/flow";

let ordersSourceId = "";
let otherInstanceSourceId = "";
let foreignRegistrationId = "";

beforeAll(async () => {
  resetEncryptionKeyCache();
  const db = getDb();
  await seedDemoIdentity(db);
  ordersSourceId = (
    await db.dataSource.create({
      data: { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID, name: "Orders", kind: "upload", requiredColumns: [] },
    })
  ).id;
  // A second instance of the same tenant, and a second tenant with its own instance.
  await db.instance.create({ data: { id: "contoso-staging", tenantId: DEMO_TENANT_ID, name: "Contoso Staging" } });
  otherInstanceSourceId = (
    await db.dataSource.create({
      data: { tenantId: DEMO_TENANT_ID, instanceId: "contoso-staging", name: "Staging orders", kind: "upload", requiredColumns: [] },
    })
  ).id;
  await db.tenant.upsert({ where: { id: "fabrikam" }, update: {}, create: { id: "fabrikam", name: "Fabrikam" } });
  await db.instance.create({ data: { id: "fabrikam-main", tenantId: "fabrikam", name: "Fabrikam" } });
  foreignRegistrationId = (
    await db.triggerRegistration.create({
      data: {
        id: "trg_foreign",
        tenantId: "fabrikam",
        instanceId: "fabrikam-main",
        displayName: "Theirs",
        type: "datasource.refresh.failed",
        parameters: { dataSourceId: null },
        callbackUrl: publicUrl,
        secretCiphertext: "v1.x.y.z",
        ownerId: "someone",
      },
    })
  ).id;
});

const create = (body: Record<string, unknown>) =>
  callRoute(collection.POST, { method: "POST", path: base, params: instanceParams, body });

const validBody = () => ({
  displayName: "Orders refresh failed",
  type: "datasource.refresh.failed",
  parameters: { dataSourceId: ordersSourceId },
  callbackUrl: publicUrl,
});

const itemParams = (registrationId: string) => ({ instanceId: DEMO_INSTANCE_ID, registrationId });

describe("trigger registrations API", () => {
  it("creates, reads, lists, updates and deletes a registration", async () => {
    // As the Contoso admin, whose id the registration records as its owner.
    const created = await callRoute(collection.POST, { method: "POST", path: base, params: instanceParams, body: validBody(), as: "Admin" });
    expect(created.status).toBe(201);
    const registration = created.json.registration;
    expect(registration).toMatchObject({
      instanceId: DEMO_INSTANCE_ID,
      displayName: "Orders refresh failed",
      type: "datasource.refresh.failed",
      parameters: { dataSourceId: ordersSourceId },
      dataSourceName: "Orders",
      callbackUrl: publicUrl,
      destinationType: "webhook",
      origin: "app",
      status: "active",
      consecutiveFailures: 0,
    });
    expect(created.headers.get("location")).toBe(`http://localhost:3000${base}/${registration.id}`);

    const row = await getDb().triggerRegistration.findFirstOrThrow({ where: { id: registration.id } });
    expect(row.ownerId).toBe("user-contoso-admin");
    expect(row.dataSourceId).toBe(ordersSourceId);
    expect(row.tenantId).toBe(DEMO_TENANT_ID);

    // Saved with an endpoint from the app: a destination of its own holds it, Admins-only, owned by its creator.
    expect(registration.destination).toMatchObject({ displayName: "Orders refresh failed", type: "webhook" });
    const destination = await getDb().destination.findFirstOrThrow({ where: { id: registration.destination.id } });
    expect(destination).toMatchObject({ endpoint: publicUrl, visibility: "admins", ownerId: "user-contoso-admin", instanceId: DEMO_INSTANCE_ID });
    expect(row).toMatchObject({ destinationId: destination.id, callbackUrl: null });

    const got = await callRoute(item.GET, { path: `${base}/${registration.id}`, params: itemParams(registration.id), as: "Admin" });
    expect(got.status).toBe(200);
    expect(got.json.registration).toEqual(registration);
    // A destination's endpoint is for Admins; others see which destination, by name and type.
    const asContributor = await callRoute(item.GET, { path: `${base}/${registration.id}`, params: itemParams(registration.id) });
    expect(asContributor.json.registration).toEqual({ ...registration, callbackUrl: null });

    const listed = await callRoute(collection.GET, { path: base, params: instanceParams });
    expect(listed.status).toBe(200);
    expect(listed.json.registrations.map((r: { id: string }) => r.id)).toContain(registration.id);

    const patched = await callRoute(item.PATCH, {
      method: "PATCH",
      path: `${base}/${registration.id}`,
      params: itemParams(registration.id),
      body: { displayName: "Any refresh failed", parameters: { dataSourceId: null }, callbackUrl: "https://1.1.1.1/x" },
      as: "Admin",
    });
    expect(patched.status).toBe(200);
    expect(patched.json.registration).toMatchObject({
      displayName: "Any refresh failed",
      parameters: { dataSourceId: null },
      dataSourceName: null,
      callbackUrl: "https://1.1.1.1/x",
    });
    const afterPatch = await getDb().triggerRegistration.findFirstOrThrow({ where: { id: registration.id } });
    expect(afterPatch.dataSourceId).toBeNull();
    // A new endpoint moves it to a new destination of its own, signing with the same secret; the old one stays.
    expect(afterPatch.destinationId).not.toBe(destination.id);
    const moved = await getDb().destination.findFirstOrThrow({ where: { id: afterPatch.destinationId! }, omit: { secretCiphertext: false } });
    const old = await getDb().destination.findFirstOrThrow({ where: { id: destination.id }, omit: { secretCiphertext: false } });
    expect(moved).toMatchObject({ endpoint: "https://1.1.1.1/x", visibility: "admins", displayName: "Any refresh failed" });
    expect(moved.secretCiphertext).toBe(old.secretCiphertext);
    expect(old.endpoint).toBe(publicUrl);

    const deleted = await callRoute(item.DELETE, { method: "DELETE", path: `${base}/${registration.id}`, params: itemParams(registration.id) });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    const gone = await callRoute(item.GET, { path: `${base}/${registration.id}`, params: itemParams(registration.id) });
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe("not_found");
    const again = await callRoute(item.DELETE, { method: "DELETE", params: itemParams(registration.id) });
    expect(again.status).toBe(404);
  });

  it("returns the signing secret once, at creation, and stores it encrypted", async () => {
    const created = await create(validBody());
    expect(created.status).toBe(201);
    const secret: string = created.json.signingSecret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    const id = created.json.registration.id;

    const listed = await callRoute(collection.GET, { path: base, params: instanceParams });
    const got = await callRoute(item.GET, { params: itemParams(id) });
    const patched = await callRoute(item.PATCH, { method: "PATCH", params: itemParams(id), body: { displayName: "Renamed" } });
    const paused = await callRoute(pause.POST, { method: "POST", params: itemParams(id) });
    for (const response of [listed, got, patched, paused]) {
      expect(response.status).toBe(200);
      expect(response.text).not.toContain("whsec_");
      expect(response.text).not.toContain(secret.slice("whsec_".length, 20));
      expect(response.text).not.toMatch(/secret/i);
    }

    // Saved from the app with an endpoint: the endpoint and secret are held by a destination of its own.
    const { destination } = await getDb().triggerRegistration.findFirstOrThrow({
      where: { id },
      select: { destination: { select: { secretCiphertext: true } } },
    });
    const row = destination!;
    expect(row.secretCiphertext).not.toBe(secret);
    expect(row.secretCiphertext).not.toContain(secret.slice("whsec_".length));
    expect(decryptSecret(row.secretCiphertext)).toBe(secret);
  });

  it("keeps a signing secret the wizard already tested with, and refuses a malformed one", async () => {
    const signingSecret = generateSigningSecret();
    const created = await create({ ...validBody(), signingSecret, destinationType: "powerAutomate" });
    expect(created.status).toBe(201);
    expect(created.json.signingSecret).toBe(signingSecret);
    expect(created.json.registration.destinationType).toBe("powerAutomate");
    const row = await getDb().triggerRegistration.findFirstOrThrow({
      where: { id: created.json.registration.id },
      select: { destination: { select: { secretCiphertext: true } } },
    });
    expect(decryptSecret(row.destination!.secretCiphertext)).toBe(signingSecret);

    const before = await getDb().triggerRegistration.count();
    for (const bad of ["whsec_short", "secret", `whsec_${"A".repeat(200)}`]) {
      const refused = await create({ ...validBody(), signingSecret: bad });
      expect(refused.status).toBe(422);
      expect(refused.json.error.code).toBe("validation_failed");
    }
    expect(await getDb().triggerRegistration.count()).toBe(before);
  });

  it("refuses a data source that is not in the instance with 422", async () => {
    const before = await getDb().triggerRegistration.count();
    for (const dataSourceId of ["ds_missing", otherInstanceSourceId]) {
      const response = await create({ ...validBody(), parameters: { dataSourceId } });
      expect(response.status).toBe(422);
      expect(response.json.error.code).toBe("validation_failed");
      expect(response.json.error.details.issues[0].path).toBe("parameters.dataSourceId");
    }
    const created = await create({ ...validBody(), parameters: { dataSourceId: null } });
    expect(created.status).toBe(201);
    expect(created.json.registration.dataSourceName).toBeNull();
    const patched = await callRoute(item.PATCH, {
      method: "PATCH",
      params: itemParams(created.json.registration.id),
      body: { parameters: { dataSourceId: otherInstanceSourceId } },
    });
    expect(patched.status).toBe(422);
    expect(await getDb().triggerRegistration.count()).toBe(before + 1);
  });

  it("refuses callback URLs that reach private, loopback or metadata addresses", async () => {
    const before = await getDb().triggerRegistration.count();
    const created = await create(validBody());
    const id = created.json.registration.id;
    // The reason tells the UI which sentence to show; the API's English message stays for API clients.
    for (const [callbackUrl, details] of [
      ["http://10.0.0.1/hook", { reason: "private_address", host: "10.0.0.1" }],
      ["https://10.0.0.1/hook", { reason: "private_address", host: "10.0.0.1" }],
      ["https://169.254.169.254/latest/meta-data", { reason: "private_address", host: "169.254.169.254" }],
      ["https://localhost/hook", { reason: "resolves_to_private", host: "localhost" }],
      ["https://127.0.0.1:8443/hook", { reason: "private_address", host: "127.0.0.1" }],
      ["https://[::1]/hook", { reason: "private_address", host: "::1" }],
      ["http://8.8.8.8/hook", { reason: "http_not_allowed" }],
    ] as const) {
      const response = await create({ ...validBody(), callbackUrl });
      expect(response.status, callbackUrl).toBe(422);
      expect(response.json.error.code, callbackUrl).toBe("callback_url_refused");
      expect(response.json.error.details, callbackUrl).toMatchObject(details);
      const patched = await callRoute(item.PATCH, { method: "PATCH", params: itemParams(id), body: { callbackUrl } });
      expect(patched.status, callbackUrl).toBe(422);
      expect(patched.json.error.code, callbackUrl).toBe("callback_url_refused");
    }
    expect(await getDb().triggerRegistration.count()).toBe(before + 1);
    const row = await getDb().triggerRegistration.findFirstOrThrow({ where: { id }, select: { destination: { select: { endpoint: true } } } });
    expect(row.destination?.endpoint).toBe(publicUrl);
  });

  it("pauses and resumes with valid transitions only", async () => {
    const created = await create(validBody());
    const id = created.json.registration.id;
    const call = (handler: typeof pause.POST) => callRoute(handler, { method: "POST", params: itemParams(id) });

    const resumedActive = await call(resume.POST);
    expect(resumedActive.status).toBe(409);
    expect(resumedActive.json.error).toMatchObject({ code: "conflict", details: { reason: "cannot_resume", status: "active" } });

    const paused = await call(pause.POST);
    expect(paused.status).toBe(200);
    expect(paused.json.registration.status).toBe("paused");
    expect((await call(pause.POST)).status).toBe(409);

    const resumed = await call(resume.POST);
    expect(resumed.status).toBe(200);
    expect(resumed.json.registration.status).toBe("active");

    // failing → paused is allowed; failing cannot be "resumed" (it still receives events).
    await getDb().triggerRegistration.update({ where: { id }, data: { status: "failing", consecutiveFailures: 3 } });
    expect((await call(resume.POST)).status).toBe(409);
    expect((await call(pause.POST)).json.registration.status).toBe("paused");

    for (const status of ["disabled", "gone"]) {
      await getDb().triggerRegistration.update({
        where: { id },
        data: { status, consecutiveFailures: 42, failingSince: new Date("2026-01-01T00:00:00Z") },
      });
      expect((await call(pause.POST)).status, status).toBe(409);
      const back = await call(resume.POST);
      expect(back.status, status).toBe(200);
      expect(back.json.registration).toMatchObject({ status: "active", consecutiveFailures: 0 });
      const row = await getDb().triggerRegistration.findFirstOrThrow({ where: { id } });
      expect(row.failingSince).toBeNull();
    }
  });

  it("answers 404 for another instance's or tenant's registration and changes nothing", async () => {
    const created = await create(validBody());
    const ownId = created.json.registration.id;

    // Our registration addressed through the other instance of the same tenant.
    const viaStaging = { instanceId: "contoso-staging", registrationId: ownId };
    expect((await callRoute(item.GET, { params: viaStaging })).status).toBe(404);
    expect((await callRoute(pause.POST, { method: "POST", params: viaStaging })).status).toBe(404);
    expect((await callRoute(item.DELETE, { method: "DELETE", params: viaStaging })).status).toBe(404);
    expect(
      (await callRoute(item.PATCH, { method: "PATCH", params: viaStaging, body: { displayName: "Hijacked" } })).status,
    ).toBe(404);

    // Another tenant's registration through our instance, and through their instance.
    for (const params of [itemParams(foreignRegistrationId), { instanceId: "fabrikam-main", registrationId: foreignRegistrationId }]) {
      for (const response of [
        await callRoute(item.GET, { params }),
        await callRoute(item.PATCH, { method: "PATCH", params, body: { displayName: "Hijacked" } }),
        await callRoute(item.DELETE, { method: "DELETE", params }),
        await callRoute(pause.POST, { method: "POST", params }),
        await callRoute(resume.POST, { method: "POST", params }),
      ]) {
        expect(response.status).toBe(404);
        expect(response.json.error.code).toBe("not_found");
      }
    }
    const listed = await callRoute(collection.GET, { params: { instanceId: "fabrikam-main" } });
    expect(listed.status).toBe(404);

    const foreign = await getDb().triggerRegistration.findFirstOrThrow({ where: { id: foreignRegistrationId } });
    expect(foreign).toMatchObject({ displayName: "Theirs", status: "active" });
    const own = await getDb().triggerRegistration.findFirstOrThrow({ where: { id: ownId } });
    expect(own.displayName).toBe("Orders refresh failed");
  });

  it("narrows the list by origin, type, owner and creation time, and refuses a filter it does not know", async () => {
    const list = async (query: string, as: "Admin" | "Contributor" = "Contributor") => {
      const result = await callRoute(collection.GET, { path: `${base}?${query}`, params: instanceParams, as });
      expect(result.status).toBe(200);
      return (result.json.registrations as Array<{ id: string }>).map((registration) => registration.id);
    };
    const before = new Date(Date.now() - 1000).toISOString();
    const mine = (await create({ ...validBody(), displayName: "Mine" })).json.registration.id;
    const admins = (await callRoute(collection.POST, { method: "POST", path: base, params: instanceParams, body: validBody(), as: "Admin" })).json
      .registration.id;
    const subscription = await getDb().triggerRegistration.create({
      data: {
        id: "trg_subscription_filter",
        tenantId: DEMO_TENANT_ID,
        instanceId: DEMO_INSTANCE_ID,
        displayName: "From a flow",
        type: "unification.refresh.completed",
        parameters: {},
        callbackUrl: publicUrl,
        secretCiphertext: "v1.x.y.z",
        origin: "powerAutomate",
        ownerId: "user-contoso-contributor",
      },
    });

    const everything = await list("");
    expect(everything).toEqual(expect.arrayContaining([mine, admins, subscription.id]));
    expect(await list("owner=me")).toEqual(expect.arrayContaining([mine, subscription.id]));
    expect(await list("owner=me")).not.toContain(admins);
    expect(await list("owner=me", "Admin")).toContain(admins);
    expect(await list("origin=powerAutomate&type=unification.refresh.completed&owner=me")).toEqual([subscription.id]);
    expect(await list("origin=powerAutomate&type=datasource.refresh.failed")).toEqual([]);
    expect(await list(`createdSince=${encodeURIComponent(before)}&origin=app`)).toEqual(expect.arrayContaining([mine, admins]));
    expect(await list(`createdSince=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);

    for (const bad of ["owner=someone", "origin=elsewhere", "type=segment.grew", "createdSince=yesterday", "color=blue"]) {
      const refused = await callRoute(collection.GET, { path: `${base}?${bad}`, params: instanceParams });
      expect(refused.status, bad).toBe(422);
      expect(refused.json.error.code).toBe("validation_failed");
    }
  });

  it("deletes a registration's deliveries and attempts with it", async () => {
    const created = await create(validBody());
    const id = created.json.registration.id;
    const db = getDb();
    await db.event.create({
      data: { id: "evt_cascade", tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID, type: "datasource.refresh.failed", payload: "{}" },
    });
    await db.delivery.create({
      data: { id: "msg_cascade", tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID, eventId: "evt_cascade", registrationId: id },
    });
    await db.deliveryAttempt.create({
      data: { deliveryId: "msg_cascade", number: 1, reason: "scheduled", startedAt: new Date(), durationMs: 5, outcome: "failed" },
    });
    expect((await callRoute(item.DELETE, { method: "DELETE", params: itemParams(id) })).status).toBe(204);
    expect(await db.delivery.count({ where: { id: "msg_cascade" } })).toBe(0);
    expect(await db.deliveryAttempt.count({ where: { deliveryId: "msg_cascade" } })).toBe(0);
  });
});
