import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "../../crypto/secret-box";
import { useFixedEncryptionKey } from "../../testing/factories";
import { useMigratedFrom } from "./testing/migrated-from";

// The migration that makes destinations their own entity, run on a database whose registrations
// hold their endpoint and secret themselves (and have delivered already).

const BEFORE_KEY = "20261128022414_rate_limit_window";

useFixedEncryptionKey();
const secrets: Record<string, string> = {
  trg_a: "whsec_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  trg_b: "whsec_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
  trg_twin: "whsec_tttttttttttttttttttttttttttttttt",
  trg_pa: "whsec_pppppppppppppppppppppppppppppppp",
};
const ciphertexts = Object.fromEntries(Object.entries(secrets).map(([id, secret]) => [id, encryptSecret(secret)]));

const registration = (id: string, displayName: string, extra: { origin?: string; destinationType?: string; ownerId?: string } = {}) => ({
  id,
  tenantId: "contoso",
  instanceId: "contoso-main",
  displayName,
  type: "datasource.refresh.failed",
  parameters: { dataSourceId: null },
  callbackUrl: `https://receiver.example/${id}`,
  secretCiphertext: ciphertexts[id]!,
  ownerId: extra.ownerId ?? "u1",
  origin: extra.origin ?? "app",
  destinationType: extra.destinationType ?? "webhook",
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Object.keys(secrets).indexOf(id))),
});

const database = useMigratedFrom(BEFORE_KEY, async (db) => {
  await db.tenant.create({ data: { id: "contoso", name: "Contoso" } });
  await db.instance.create({ data: { id: "contoso-main", tenantId: "contoso", name: "Contoso Retail" } });
  await db.triggerRegistration.createMany({
    data: [
      registration("trg_a", "Refresh failed"),
      registration("trg_b", "To the flow", { destinationType: "powerAutomate", ownerId: "u2" }),
      // Same display name as trg_a: destination names are unique per instance.
      registration("trg_twin", "Refresh failed"),
      registration("trg_pa", "Connector subscription", { origin: "powerAutomate" }),
    ],
  });
  await db.event.create({ data: { id: "evt_1", tenantId: "contoso", instanceId: "contoso-main", type: "datasource.refresh.failed", payload: "{}" } });
  await db.delivery.create({
    data: {
      id: "msg_1",
      tenantId: "contoso",
      instanceId: "contoso-main",
      eventId: "evt_1",
      registrationId: "trg_a",
      status: "succeeded",
      attemptCount: 1,
      attempts: { create: { number: 1, reason: "scheduled", startedAt: new Date(), outcome: "succeeded", statusCode: 200, durationMs: 5 } },
    },
  });
});
const migrated = () => database.migrated();

describe("migration: destinations", () => {
  it("moves each app registration's endpoint and secret into a destination of its own, and links it", async () => {
    const rows = await migrated().triggerRegistration.findMany({
      select: { id: true, destinationId: true, callbackUrl: true, secretCiphertext: true },
      orderBy: { id: "asc" },
    });
    expect(rows).toEqual([
      { id: "trg_a", destinationId: "dst_trg_a", callbackUrl: null, secretCiphertext: null },
      { id: "trg_b", destinationId: "dst_trg_b", callbackUrl: null, secretCiphertext: null },
      { id: "trg_pa", destinationId: null, callbackUrl: "https://receiver.example/trg_pa", secretCiphertext: ciphertexts.trg_pa },
      { id: "trg_twin", destinationId: "dst_trg_twin", callbackUrl: null, secretCiphertext: null },
    ]);
    const destinations = await migrated().destination.findMany({
      select: { id: true, displayName: true, type: true, endpoint: true, visibility: true, ownerId: true, secretCiphertext: true },
      orderBy: { id: "asc" },
    });
    expect(destinations.map(({ secretCiphertext: _, ...rest }) => rest)).toEqual([
      { id: "dst_trg_a", displayName: "Refresh failed", type: "webhook", endpoint: "https://receiver.example/trg_a", visibility: "everyone", ownerId: "u1" },
      { id: "dst_trg_b", displayName: "To the flow", type: "powerAutomate", endpoint: "https://receiver.example/trg_b", visibility: "everyone", ownerId: "u2" },
      {
        id: "dst_trg_twin",
        displayName: "Refresh failed (trg_twin)",
        type: "webhook",
        endpoint: "https://receiver.example/trg_twin",
        visibility: "everyone",
        ownerId: "u1",
      },
    ]);
    for (const destination of destinations) {
      const registrationId = destination.id.slice("dst_".length);
      expect(decryptSecret(destination.secretCiphertext)).toBe(secrets[registrationId]);
    }
  });

  it("keeps the deliveries and their attempts", async () => {
    const delivery = await migrated().delivery.findUniqueOrThrow({ where: { id: "msg_1" }, include: { attempts: true } });
    expect(delivery).toMatchObject({ registrationId: "trg_a", status: "succeeded", attempts: [{ number: 1, statusCode: 200 }] });
  });

  it("then refuses to delete a destination in use, and deletes it with the instance", async () => {
    await expect(migrated().destination.delete({ where: { id: "dst_trg_a" } })).rejects.toMatchObject({ code: expect.stringMatching(/^P20(03|14)$/) });
    await migrated().instance.delete({ where: { id: "contoso-main" } });
    expect(await migrated().destination.count()).toBe(0);
  });
});
