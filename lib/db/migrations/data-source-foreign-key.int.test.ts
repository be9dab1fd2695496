import { describe, expect, it } from "vitest";
import { useMigratedFrom } from "./testing/migrated-from";

// The migration that adds TriggerRegistration.dataSourceId → DataSource.id, run on a database
// that already holds registrations whose data source was deleted while nothing prevented it.

const BEFORE_KEY = "20261127101641_run_attempts";

const registration = (id: string, dataSourceId: string | null, status: string) => ({
  id,
  tenantId: "contoso",
  instanceId: "contoso-main",
  displayName: `Trigger ${id}`,
  type: "datasource.refresh.failed",
  parameters: { dataSourceId },
  dataSourceId,
  callbackUrl: "https://receiver.example/hook",
  secretCiphertext: "x",
  ownerId: "u1",
  status,
});

const database = useMigratedFrom(BEFORE_KEY, async (db) => {
  await db.tenant.create({ data: { id: "contoso", name: "Contoso" } });
  await db.instance.create({ data: { id: "contoso-main", tenantId: "contoso", name: "Contoso Retail" } });
  await db.dataSource.create({
    data: { id: "ds_live", tenantId: "contoso", instanceId: "contoso-main", name: "Customers", kind: "upload", requiredColumns: [] },
  });
  await db.triggerRegistration.createMany({
    data: [
      registration("trg_dangling_active", "ds_gone", "active"),
      registration("trg_dangling_disabled", "ds_gone", "disabled"),
      registration("trg_live", "ds_live", "active"),
      registration("trg_every_source", null, "active"),
    ],
  });
});
const migrated = () => database.migrated();

describe("migration: data source foreign key", () => {
  it("keeps a registration whose data source is gone, clears the reference and pauses it if it was sending", async () => {
    const rows = await migrated().triggerRegistration.findMany({
      select: { id: true, dataSourceId: true, parameters: true, status: true },
      orderBy: { id: "asc" },
    });
    expect(rows).toEqual([
      { id: "trg_dangling_active", dataSourceId: null, parameters: { dataSourceId: null }, status: "paused" },
      { id: "trg_dangling_disabled", dataSourceId: null, parameters: { dataSourceId: null }, status: "disabled" },
      { id: "trg_every_source", dataSourceId: null, parameters: { dataSourceId: null }, status: "active" },
      { id: "trg_live", dataSourceId: "ds_live", parameters: { dataSourceId: "ds_live" }, status: "active" },
    ]);
  });

  it("records each change in the audit log, readable like the app's own entries", async () => {
    const entries = await migrated().auditEntry.findMany({ orderBy: { targetId: "asc" } });
    expect(entries.map(({ targetId, action, targetName, changes, instanceId }) => ({ targetId, action, targetName, changes, instanceId }))).toEqual([
      {
        targetId: "trg_dangling_active",
        action: "triggerRegistration.updated",
        targetName: "Trigger trg_dangling_active",
        instanceId: "contoso-main",
        changes: { dataSourceId: { before: "ds_gone", after: null }, status: { before: "active", after: "paused" } },
      },
      {
        targetId: "trg_dangling_disabled",
        action: "triggerRegistration.updated",
        targetName: "Trigger trg_dangling_disabled",
        instanceId: "contoso-main",
        changes: { dataSourceId: { before: "ds_gone", after: null } },
      },
    ]);
    for (const entry of entries) expect(Math.abs(entry.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("then refuses a reference to a data source that does not exist, and the deletion of one in use", async () => {
    await expect(migrated().triggerRegistration.create({ data: registration("trg_new", "ds_gone", "active") })).rejects.toMatchObject({
      code: "P2003",
    });
    await expect(migrated().dataSource.delete({ where: { id: "ds_live" } })).rejects.toMatchObject({ code: expect.stringMatching(/^P20(03|14)$/) });
    expect(await migrated().dataSource.count({ where: { id: "ds_live" } })).toBe(1);
  });

  it("still deletes an instance with its data sources and the triggers that watch them", async () => {
    await migrated().instance.delete({ where: { id: "contoso-main" } });
    expect(await migrated().triggerRegistration.count()).toBe(0);
    expect(await migrated().dataSource.count()).toBe(0);
  });
});
