import { randomBytes } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as dataSourceItem from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/route";
import * as registrations from "@/app/api/v1/instances/[instanceId]/trigger-registrations/route";
import * as registrationItem from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/route";
import { callRoute } from "../api/testing/call-route";
import { resetEncryptionKeyCache } from "../crypto/secret-box";
import { getDb } from "../db/client";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "../seed/demo-identity";
import { createSource } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";

// A data source that triggers watch cannot be deleted, and a trigger cannot end up watching a
// data source that is gone, whichever of the two requests comes first.

process.env.APP_ENCRYPTION_KEY = randomBytes(32).toString("base64");
process.env.DELIVERY_ALLOWED_HOSTS = "";
const database = useTestDatabase();
const onPostgresql = process.env.TEST_DB_PROVIDER === "postgresql";

const sourcesBase = `/api/v1/instances/${DEMO_INSTANCE_ID}/data-sources`;
const triggersBase = `/api/v1/instances/${DEMO_INSTANCE_ID}/trigger-registrations`;
const publicUrl = "https://8.8.8.8/hooks/flow";

beforeAll(async () => {
  resetEncryptionKeyCache();
  await seedDemoIdentity(getDb());
});

let sourceCount = 0;
const createOrdersSource = async () => (await createSource({ kind: "upload", name: `Orders ${(sourceCount += 1)}` })).id;

const createTrigger = (dataSourceId: string, displayName: string) =>
  callRoute(registrations.POST, {
    method: "POST",
    path: triggersBase,
    params: { instanceId: DEMO_INSTANCE_ID },
    body: { displayName, type: "datasource.refresh.succeeded", parameters: { dataSourceId }, callbackUrl: publicUrl },
  });

const deleteSource = (dataSourceId: string) =>
  callRoute(dataSourceItem.DELETE, {
    method: "DELETE",
    path: `${sourcesBase}/${dataSourceId}`,
    params: { instanceId: DEMO_INSTANCE_ID, dataSourceId },
  });

const deleteTrigger = (registrationId: string) =>
  callRoute(registrationItem.DELETE, {
    method: "DELETE",
    path: `${triggersBase}/${registrationId}`,
    params: { instanceId: DEMO_INSTANCE_ID, registrationId },
  });

/** Registrations whose data source does not exist: what the foreign key rules out. */
const danglingRegistrations = async () => {
  const withSource = await getDb().triggerRegistration.findMany({ where: { dataSourceId: { not: null } }, select: { dataSourceId: true } });
  const ids = [...new Set(withSource.map((row) => row.dataSourceId!))];
  const existing = await getDb().dataSource.count({ where: { id: { in: ids } } });
  return ids.length - existing;
};

describe("DELETE a data source that triggers watch", () => {
  it("answers 409 data_source_in_use naming the triggers, and deletes nothing", async () => {
    const sourceId = await createOrdersSource();
    const first = await createTrigger(sourceId, "Orders refreshed");
    const second = await createTrigger(sourceId, "Orders refreshed, to Teams");
    expect([first.status, second.status]).toEqual([201, 201]);

    const refused = await deleteSource(sourceId);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({
      code: "conflict",
      details: {
        reason: "data_source_in_use",
        name: "Orders 1",
        triggers: [
          { id: first.json.registration.id, displayName: "Orders refreshed" },
          { id: second.json.registration.id, displayName: "Orders refreshed, to Teams" },
        ],
      },
    });
    expect(await getDb().dataSource.count({ where: { id: sourceId } })).toBe(1);
    expect(await getDb().triggerRegistration.count({ where: { dataSourceId: sourceId } })).toBe(2);
    expect(await getDb().auditEntry.count({ where: { action: "dataSource.deleted", targetId: sourceId } })).toBe(0);

    // Once the triggers are gone, the data source goes too.
    expect((await deleteTrigger(first.json.registration.id)).status).toBe(204);
    expect((await deleteSource(sourceId)).status).toBe(409);
    expect((await deleteTrigger(second.json.registration.id)).status).toBe(204);
    expect((await deleteSource(sourceId)).status).toBe(204);
    expect(await getDb().dataSource.count({ where: { id: sourceId } })).toBe(0);
    expect(await getDb().auditEntry.count({ where: { action: "dataSource.deleted", targetId: sourceId } })).toBe(1);
  });

  it("a trigger saved after the data source was checked gets the same 422 as one naming an unknown data source", async () => {
    const sourceId = await createOrdersSource();
    const dataSources = getDb().dataSource;
    const findFirst = dataSources.findFirst.bind(dataSources);
    // The data source is deleted right after the create request found it, before its insert.
    const spy = vi.spyOn(dataSources, "findFirst").mockImplementationOnce((async (args: Parameters<typeof findFirst>[0]) => {
      const found = await findFirst(args);
      expect((await deleteSource(sourceId)).status).toBe(204);
      return found;
    }) as never);
    try {
      const created = await createTrigger(sourceId, "Too late");
      expect(spy).toHaveBeenCalled();
      expect(created.status).toBe(422);
      expect(created.json.error).toMatchObject({ code: "validation_failed", details: { reason: "data_source_not_in_instance" } });
    } finally {
      spy.mockRestore();
    }
    expect(await getDb().triggerRegistration.count({ where: { displayName: "Too late" } })).toBe(0);
    expect(await danglingRegistrations()).toBe(0);
  });

  it("a trigger created and a data source deleted at the same moment: one of the two wins, never a dangling reference", async () => {
    for (let round = 0; round < 8; round++) {
      const sourceId = await createOrdersSource();
      const [created, deleted] = await Promise.all([createTrigger(sourceId, `Race ${round}`), deleteSource(sourceId)]);
      const outcome = `${created.status}/${deleted.status}`;
      expect(["201/409", "422/204"]).toContain(outcome);
      if (outcome === "201/409") expect(deleted.json.error.details.triggers).toEqual([{ id: created.json.registration.id, displayName: `Race ${round}` }]);
    }
    expect(await danglingRegistrations()).toBe(0);
  });

  it.runIf(onPostgresql)(
    "PostgreSQL: a trigger committed while the delete waits on its key lock turns the delete into the same 409",
    async () => {
      const sourceId = await createOrdersSource();
      const other = new pg.Client({ connectionString: database.current().target.url });
      await other.connect();
      try {
        await other.query("BEGIN");
        // Inserting the registration takes the key lock on the data source row; the delete's
        // check does not see the uncommitted row, so it goes on to the DELETE and waits there.
        await other.query(
          `INSERT INTO "TriggerRegistration" ("id", "tenantId", "instanceId", "displayName", "type", "parameters", "dataSourceId", "callbackUrl", "secretCiphertext", "ownerId", "updatedAt")
           VALUES ('trg_concurrent', $1, $2, 'Saved meanwhile', 'datasource.refresh.succeeded', $3, $4, $5, 'x', 'u', now())`,
          [DEMO_TENANT_ID, DEMO_INSTANCE_ID, JSON.stringify({ dataSourceId: sourceId }), sourceId, publicUrl],
        );
        const deleting = deleteSource(sourceId);
        for (let waited = 0; ; waited += 20) {
          const { rows } = await other.query(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          );
          if (rows[0].waiting > 0) break;
          if (waited > 10_000) throw new Error("The delete never waited on the registration's key lock.");
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await other.query("COMMIT");
        const refused = await deleting;
        expect(refused.status).toBe(409);
        expect(refused.json.error.details).toMatchObject({
          reason: "data_source_in_use",
          triggers: [{ id: "trg_concurrent", displayName: "Saved meanwhile" }],
        });
        expect(await getDb().dataSource.count({ where: { id: sourceId } })).toBe(1);
      } finally {
        await other.end();
      }
    },
  );
});
