import type { Db } from "../db/client";
import { hashPassword } from "../crypto/passwords";

export const DEMO_TENANT_ID = "contoso";
export const DEMO_INSTANCE_ID = "contoso-retail";
export const FABRIKAM_TENANT_ID = "fabrikam";
export const FABRIKAM_INSTANCE_ID = "fabrikam-outdoor";

/** The password of every seeded demo account (the embedded sign-in page lists them). */
export const DEMO_PASSWORD = "demo-password";

export const demoTenants = [
  { id: DEMO_TENANT_ID, name: "Contoso", instance: { id: DEMO_INSTANCE_ID, name: "Contoso Retail" } },
  { id: FABRIKAM_TENANT_ID, name: "Fabrikam", instance: { id: FABRIKAM_INSTANCE_ID, name: "Fabrikam Outdoor" } },
] as const;

export const demoUsers = [
  // user-contoso-admin is the demo admin's id (token `sub`) since the first slice: keep it.
  { id: "user-contoso-admin", tenantId: DEMO_TENANT_ID, email: "admin@contoso.example", displayName: "Avery Admin", role: "Admin" },
  {
    id: "user-contoso-contributor",
    tenantId: DEMO_TENANT_ID,
    email: "contributor@contoso.example",
    displayName: "Casey Contributor",
    role: "Contributor",
  },
  { id: "user-contoso-viewer", tenantId: DEMO_TENANT_ID, email: "viewer@contoso.example", displayName: "Val Viewer", role: "Viewer" },
  { id: "user-fabrikam-admin", tenantId: FABRIKAM_TENANT_ID, email: "admin@fabrikam.example", displayName: "Farah Admin", role: "Admin" },
] as const;

/**
 * Tenants Contoso and Fabrikam, one instance each ("Contoso Retail", "Fabrikam Outdoor") and
 * the four demo users with the demo password. Idempotent: never overwrites a changed password.
 */
export const seedDemoIdentity = async (db: Db) => {
  for (const tenant of demoTenants) {
    await db.tenant.upsert({ where: { id: tenant.id }, update: {}, create: { id: tenant.id, name: tenant.name } });
  }
  const withPassword = new Set(
    (
      await db.user.findMany({
        where: { id: { in: demoUsers.map((u) => u.id) }, passwordHash: { not: null } },
        select: { id: true },
      })
    ).map((u) => u.id),
  );
  // One scrypt for all: the demo password is published on the sign-in page anyway, and
  // seeding runs before many test files.
  let demoHash: Promise<string> | undefined;
  for (const user of demoUsers) {
    if (withPassword.has(user.id)) continue;
    const passwordHash = await (demoHash ??= hashPassword(DEMO_PASSWORD));
    await db.user.upsert({ where: { id: user.id }, update: {}, create: { ...user, passwordHash } });
    // Databases seeded before sign-in existed have the users without a password.
    await db.user.updateMany({ where: { id: user.id, passwordHash: null }, data: { passwordHash } });
  }
  for (const tenant of demoTenants) {
    await db.instance.upsert({
      where: { id: tenant.instance.id },
      update: {},
      create: { id: tenant.instance.id, tenantId: tenant.id, name: tenant.instance.name },
    });
  }
};
