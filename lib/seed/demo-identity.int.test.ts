import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../crypto/passwords";
import { useTestDatabase } from "../testing/test-database";
import { DEMO_PASSWORD, seedDemoIdentity } from "./demo-identity";

const database = useTestDatabase();

describe("seedDemoIdentity", () => {
  it("creates both tenants, their instances and the four demo users with the demo password", async () => {
    const { db } = database.current();
    await seedDemoIdentity(db);
    expect(await db.tenant.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true } })).toEqual([
      { id: "contoso", name: "Contoso" },
      { id: "fabrikam", name: "Fabrikam" },
    ]);
    expect(await db.instance.findMany({ orderBy: { id: "asc" }, select: { id: true, tenantId: true, name: true } })).toEqual([
      { id: "contoso-retail", tenantId: "contoso", name: "Contoso Retail" },
      { id: "fabrikam-outdoor", tenantId: "fabrikam", name: "Fabrikam Outdoor" },
    ]);
    const users = await db.user.findMany({ orderBy: { email: "asc" } });
    expect(users.map((u) => [u.id, u.email, u.displayName, u.role, u.tenantId])).toEqual([
      ["user-contoso-admin", "admin@contoso.example", "Avery Admin", "Admin", "contoso"],
      ["user-fabrikam-admin", "admin@fabrikam.example", "Farah Admin", "Admin", "fabrikam"],
      ["user-contoso-contributor", "contributor@contoso.example", "Casey Contributor", "Contributor", "contoso"],
      ["user-contoso-viewer", "viewer@contoso.example", "Val Viewer", "Viewer", "contoso"],
    ]);
    // The hash is omitted unless asked for by name.
    expect(users.every((u) => !("passwordHash" in u))).toBe(true);
    const hashes = await db.user.findMany({ select: { passwordHash: true } });
    for (const { passwordHash } of hashes) expect(await verifyPassword(DEMO_PASSWORD, passwordHash)).toBe(true);
  });

  it("is idempotent and keeps a changed password", async () => {
    const { db } = database.current();
    await db.user.update({ where: { id: "user-contoso-viewer" }, data: { passwordHash: await hashPassword("changed") } });
    await seedDemoIdentity(db);
    expect(await db.user.count()).toBe(4);
    const viewer = await db.user.findUniqueOrThrow({ where: { id: "user-contoso-viewer" }, select: { passwordHash: true } });
    expect(await verifyPassword("changed", viewer.passwordHash)).toBe(true);
    expect(await verifyPassword(DEMO_PASSWORD, viewer.passwordHash)).toBe(false);
  });
});
