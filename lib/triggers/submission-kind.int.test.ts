import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/instances/[instanceId]/trigger-registrations/route";
import * as item from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/route";
import { callRoute } from "../api/testing/call-route";
import { resetEncryptionKeyCache } from "../crypto/secret-box";
import { getDb } from "../db/client";
import { commitWithEvents } from "../events/commit-with-events";
import { DEMO_INSTANCE_ID, seedDemoIdentity } from "../seed/demo-identity";
import { scope } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";

// refresh.full.completed registrations listen to scheduled jobs, on-demand ones, or any: the
// parameter fills the submissionKind column (NULL for any) and the fan-out matches on it.

process.env.APP_ENCRYPTION_KEY = randomBytes(32).toString("base64");
process.env.DELIVERY_ALLOWED_HOSTS = "";
useTestDatabase();

const instanceParams = { instanceId: DEMO_INSTANCE_ID };

beforeAll(async () => {
  resetEncryptionKeyCache();
  await seedDemoIdentity(getDb());
});

const create = async (parameters: object) => {
  const created = await callRoute(collection.POST, {
    method: "POST",
    params: instanceParams,
    body: { displayName: "Full refresh", type: "refresh.full.completed", parameters, callbackUrl: "https://8.8.8.8/hooks" },
  });
  expect(created.status, created.text).toBe(201);
  return created.json.registration as { id: string; parameters: unknown };
};

const columnOf = async (id: string) => (await getDb().triggerRegistration.findUniqueOrThrow({ where: { id } })).submissionKind;

describe("the submission kind of a refresh.full.completed trigger", () => {
  it("is stored in its column (any as NULL), shown in its parameters, and follows a PATCH", async () => {
    const scheduled = await create({ submissionKind: "scheduled" });
    expect(scheduled.parameters).toEqual({ submissionKind: "scheduled" });
    expect(await columnOf(scheduled.id)).toBe("scheduled");
    const any = await create({});
    expect(any.parameters).toEqual({ submissionKind: "any" });
    expect(await columnOf(any.id)).toBeNull();

    const patched = await callRoute(item.PATCH, { method: "PATCH", params: { ...instanceParams, registrationId: scheduled.id }, body: { parameters: { submissionKind: "onDemand" } } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json.registration.parameters).toEqual({ submissionKind: "onDemand" });
    expect(await columnOf(scheduled.id)).toBe("onDemand");

    const refused = await callRoute(collection.POST, {
      method: "POST",
      params: instanceParams,
      body: { displayName: "Hourly", type: "refresh.full.completed", parameters: { submissionKind: "hourly" }, callbackUrl: "https://8.8.8.8/hooks" },
    });
    expect(refused.status).toBe(422);
  });

  it("decides which registrations an event reaches: those of its kind and those for any", async () => {
    await getDb().triggerRegistration.deleteMany({});
    const scheduled = await create({ submissionKind: "scheduled" });
    const onDemand = await create({ submissionKind: "onDemand" });
    const any = await create({ submissionKind: "any" });
    const fire = async (submissionKind: "scheduled" | "onDemand") => {
      const enqueued = await commitWithEvents(getDb(), (_tx, emit) => emit({ ...scope, type: "refresh.full.completed", subject: { submissionKind }, data: {} }));
      const deliveries = await getDb().delivery.findMany({ where: { id: { in: enqueued?.deliveryIds ?? [] } }, select: { registrationId: true } });
      return deliveries.map((delivery) => delivery.registrationId).sort();
    };
    expect(await fire("scheduled")).toEqual([scheduled.id, any.id].sort());
    expect(await fire("onDemand")).toEqual([onDemand.id, any.id].sort());
  });
});
