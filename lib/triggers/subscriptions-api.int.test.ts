import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as onFailed from "@/app/api/v1/instances/[instanceId]/subscriptions/data-source-refresh-failed/route";
import * as onSucceeded from "@/app/api/v1/instances/[instanceId]/subscriptions/data-source-refresh-succeeded/route";
import * as onSegment from "@/app/api/v1/instances/[instanceId]/subscriptions/segment-threshold-crossed/route";
import * as onMeasure from "@/app/api/v1/instances/[instanceId]/subscriptions/measure-threshold-crossed/route";
import * as onFullRefresh from "@/app/api/v1/instances/[instanceId]/subscriptions/full-refresh-completed/route";
import * as onUnification from "@/app/api/v1/instances/[instanceId]/subscriptions/unification-completed/route";
import * as subscriptionItem from "@/app/api/v1/instances/[instanceId]/subscriptions/[subscriptionId]/route";
import { callRoute } from "../api/testing/call-route";
import type { TestIdentity } from "../auth/testing/test-tokens";
import { TEST_IDENTITIES } from "../auth/testing/test-tokens";
import { decryptSecret } from "../crypto/secret-box";
import { getDb } from "../db/client";
import { CONNECTOR_CLIENT_ID } from "../identity-provider/clients";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, FABRIKAM_INSTANCE_ID, seedDemoIdentity } from "../seed/demo-identity";
import { resetSettingsCache } from "../settings/settings";
import { scope, useFixedEncryptionKey } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import { createMeasure, createSegment, writeMeasureValue, writeSegmentSize } from "../testing/threshold-subjects";

// Power Automate's subscribe and unsubscribe (SPEC §5), on SQLite and PostgreSQL: a subscription is
// a trigger registration of origin powerAutomate owned by the token's subject, made through the
// wizard's own path; its Location is absolute on the public URL (APP_URL, never the request's
// Host); its DELETE is repeatable and its owner's (or an Admin's).

useFixedEncryptionKey();
useTestDatabase();

const PUBLIC_URL = "https://insights.example.com";
const CALLBACK = "https://8.8.8.8/workflows/abc/triggers/manual/run?api-version=2016-06-01&sig=secret";
/** A client-credentials token of the embedded provider's connector client: the client is the subject. */
const connector: TestIdentity = { sub: CONNECTOR_CLIENT_ID, tid: "contoso", roles: ["Contributor"], name: "Power Automate connector" };
const base = `/api/v1/instances/${DEMO_INSTANCE_ID}/subscriptions`;
const params = { instanceId: DEMO_INSTANCE_ID };

let segment = { id: "", name: "" };
let measure = { id: "", name: "" };

beforeAll(async () => {
  process.env.APP_URL = PUBLIC_URL;
  resetSettingsCache();
  await seedDemoIdentity(getDb());
  segment = await createSegment("Loyal customers");
  await writeSegmentSize(segment.id, 420);
  measure = await createMeasure("Order value");
  await writeMeasureValue(measure.id, 1_000);
  return () => {
    delete process.env.APP_URL;
    resetSettingsCache();
  };
});

beforeEach(async () => {
  await getDb().triggerRegistration.deleteMany({ where: scope });
});

type Subscribed = { id: string; signingSecret: string; registration: Record<string, any> };

const subscribe = (route: typeof onFailed, segmentName: string, body: unknown, as: TestIdentity | "Viewer" | "Contributor" = connector) =>
  callRoute<Subscribed>(route.POST, { method: "POST", path: `${base}/${segmentName}`, params, body, as });

const unsubscribe = (id: string, as: TestIdentity | "Admin" | "Contributor" = connector, instanceId = DEMO_INSTANCE_ID) =>
  callRoute(subscriptionItem.DELETE, {
    method: "DELETE",
    path: `/api/v1/instances/${instanceId}/subscriptions/${id}`,
    params: { instanceId, subscriptionId: id },
    as,
  });

const rowOf = (id: string) => getDb().triggerRegistration.findFirst({ where: { id } });

describe("subscribe (the six triggers)", () => {
  it("creates a powerAutomate registration owned by the token's subject, answering 201 with an absolute Location on the public URL", async () => {
    const result = await subscribe(onFailed, "data-source-refresh-failed", { callbackUrl: CALLBACK });
    expect(result.status, result.text).toBe(201);
    const { id, signingSecret, registration } = result.json;
    expect(result.headers.get("location")).toBe(`${PUBLIC_URL}/api/v1/instances/${DEMO_INSTANCE_ID}/subscriptions/${id}`);
    expect(signingSecret).toMatch(/^whsec_/);
    expect(registration).toMatchObject({
      id,
      type: "datasource.refresh.failed",
      parameters: { dataSourceId: null },
      origin: "powerAutomate",
      destinationType: "powerAutomate",
      status: "active",
      displayName: "When a data source refresh fails (Power Automate)",
    });
    const row = await rowOf(id);
    expect(row).toMatchObject({ ownerId: CONNECTOR_CLIENT_ID, origin: "powerAutomate", callbackUrl: CALLBACK, tenantId: DEMO_TENANT_ID });
    const sealed = await getDb().triggerRegistration.findFirst({ where: { id }, select: { secretCiphertext: true } });
    expect(decryptSecret(sealed!.secretCiphertext!)).toBe(signingSecret);
    const audit = await getDb().auditEntry.findFirst({ where: { targetId: id, action: "triggerRegistration.created" } });
    expect(audit?.actorId).toBe(CONNECTOR_CLIENT_ID);
  });

  it("subscribes to every trigger with its type's own parameters; a threshold takes its baseline from the latest value", async () => {
    const cases = [
      [onFailed, "data-source-refresh-failed", {}, "datasource.refresh.failed"],
      [onSucceeded, "data-source-refresh-succeeded", { dataSourceId: null }, "datasource.refresh.succeeded"],
      [onSegment, "segment-threshold-crossed", { segmentId: segment.id, threshold: 500 }, "segment.threshold.crossed"],
      [onMeasure, "measure-threshold-crossed", { measureId: measure.id, threshold: 900, direction: "below" }, "measure.threshold.crossed"],
      [onFullRefresh, "full-refresh-completed", { submissionKind: "scheduled" }, "refresh.full.completed"],
      [onUnification, "unification-completed", {}, "unification.refresh.completed"],
    ] as const;
    for (const [route, segmentName, parameters, type] of cases) {
      const result = await subscribe(route as typeof onFailed, segmentName, { ...parameters, callbackUrl: CALLBACK }, "Contributor");
      expect(result.status, `${segmentName}: ${result.text}`).toBe(201);
      expect(result.json.registration.type).toBe(type);
      expect((await rowOf(result.json.id))?.ownerId).toBe(TEST_IDENTITIES.contosoContributor.sub);
    }
    const segmentTrigger = await getDb().triggerRegistration.findFirst({ where: { ...scope, type: "segment.threshold.crossed" } });
    expect(segmentTrigger?.thresholdState).toEqual({ lastValue: 420, armedAbove: true, armedBelow: false });
    const fullRefresh = await getDb().triggerRegistration.findFirst({ where: { ...scope, type: "refresh.full.completed" } });
    expect(fullRefresh?.submissionKind).toBe("scheduled");
  });

  it("updates the caller's own subscription when Power Automate subscribes again with the same callback URL (a flow saved again)", async () => {
    const first = await subscribe(onSegment, "segment-threshold-crossed", { segmentId: segment.id, threshold: 500, callbackUrl: CALLBACK });
    const again = await subscribe(onSegment, "segment-threshold-crossed", { segmentId: segment.id, threshold: 700, callbackUrl: CALLBACK });
    expect(again.status, again.text).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    expect(again.json.signingSecret).toBe(first.json.signingSecret);
    expect(again.json.registration.parameters).toMatchObject({ threshold: 700 });
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(await getDb().triggerRegistration.count({ where: scope })).toBe(1);
    // Another caller, or another callback URL, is another subscription.
    const other = await subscribe(onSegment, "segment-threshold-crossed", { segmentId: segment.id, threshold: 700, callbackUrl: CALLBACK }, "Contributor");
    expect(other.json.id).not.toBe(first.json.id);
    expect(await getDb().triggerRegistration.count({ where: scope })).toBe(2);
  });

  it("refuses bad bodies with a 4xx and writes nothing", async () => {
    const foreignSegment = await createSegment("Theirs", { tenantId: "fabrikam", instanceId: FABRIKAM_INSTANCE_ID });
    const bad: Array<[typeof onFailed, string, unknown, number, string]> = [
      [onFailed, "data-source-refresh-failed", {}, 422, "validation_failed"],
      [onFailed, "data-source-refresh-failed", { callbackUrl: "not a url" }, 422, "validation_failed"],
      [onFailed, "data-source-refresh-failed", { callbackUrl: CALLBACK, type: "segment.threshold.crossed" }, 422, "validation_failed"],
      [onFailed, "data-source-refresh-failed", { callbackUrl: CALLBACK, dataSourceId: "ds_nowhere" }, 422, "validation_failed"],
      [onSegment, "segment-threshold-crossed", { callbackUrl: CALLBACK, threshold: 5 }, 422, "validation_failed"],
      [onSegment, "segment-threshold-crossed", { callbackUrl: CALLBACK, segmentId: segment.id, threshold: "five" }, 422, "validation_failed"],
      [onSegment, "segment-threshold-crossed", { callbackUrl: CALLBACK, segmentId: foreignSegment.id, threshold: 5 }, 422, "validation_failed"],
      [onFullRefresh, "full-refresh-completed", { callbackUrl: CALLBACK, submissionKind: "weekly" }, 422, "validation_failed"],
    ];
    for (const [route, segmentName, body, status, code] of bad) {
      const result = await subscribe(route, segmentName, body);
      expect(result.status, `${JSON.stringify(body)}: ${result.text}`).toBe(status);
      expect((result.json as any).error.code).toBe(code);
    }
    expect(await getDb().triggerRegistration.count({ where: scope })).toBe(0);
  });

  it("refuses a callback URL that reaches a private address (SSRF), and a Viewer", async () => {
    for (const callbackUrl of ["https://127.0.0.1/hook", "https://10.0.0.8/hook", "http://169.254.169.254/latest/meta-data"]) {
      const result = await subscribe(onUnification, "unification-completed", { callbackUrl });
      expect(result.status, `${callbackUrl}: ${result.text}`).toBe(422);
      expect((result.json as any).error.code).toBe("callback_url_refused");
    }
    const viewer = await subscribe(onUnification, "unification-completed", { callbackUrl: CALLBACK }, "Viewer");
    expect(viewer.status).toBe(403);
    expect(await getDb().triggerRegistration.count({ where: scope })).toBe(0);
  });
});

describe("unsubscribe (DELETE on the Location)", () => {
  const subscribed = async (as: TestIdentity | "Contributor" = connector) =>
    (await subscribe(onUnification, "unification-completed", { callbackUrl: CALLBACK }, as)).json.id;

  it("answers 204 and deletes it, and 204 again to a repeat or an unknown id, changing nothing", async () => {
    const id = await subscribed();
    expect((await unsubscribe(id)).status).toBe(204);
    expect(await rowOf(id)).toBeNull();
    expect((await unsubscribe(id)).status).toBe(204);
    expect((await unsubscribe("trg_unknown")).status).toBe(204);
    const audit = await getDb().auditEntry.count({ where: { targetId: id, action: "triggerRegistration.deleted" } });
    expect(audit).toBe(1);
  });

  it("lets only the owner or an Admin delete it", async () => {
    const id = await subscribed();
    const stranger = await unsubscribe(id, "Contributor");
    expect(stranger.status).toBe(403);
    expect((stranger.json as any).error).toMatchObject({ code: "forbidden", details: { reason: "not_owner" } });
    expect(await rowOf(id)).not.toBeNull();
    expect((await unsubscribe(id, "Admin")).status).toBe(204);
    expect(await rowOf(id)).toBeNull();
  });

  it("keeps other tenants' subscriptions out of reach: 404 for their instance, 204 without effect for their id in one's own", async () => {
    const id = await subscribed();
    const fabrikam = TEST_IDENTITIES.fabrikamAdmin;
    const viaTheirInstance = await unsubscribe(id, fabrikam);
    expect(viaTheirInstance.status).toBe(404);
    const viaOwnInstance = await unsubscribe(id, fabrikam, FABRIKAM_INSTANCE_ID);
    expect(viaOwnInstance.status).toBe(204);
    expect(await rowOf(id)).not.toBeNull();
  });

  it("does not delete a registration the app's wizard made (not a subscription)", async () => {
    const wizard = await getDb().triggerRegistration.create({
      data: {
        ...scope,
        displayName: "Wizard's",
        type: "unification.refresh.completed",
        parameters: {},
        callbackUrl: CALLBACK,
        secretCiphertext: "v1.a.b.c",
        ownerId: connector.sub,
      },
    });
    expect((await unsubscribe(wizard.id)).status).toBe(204);
    expect(await rowOf(wizard.id)).not.toBeNull();
  });
});
