import type { Db } from "../db/client";
import { DEMO_ADMIN_ID } from "../auth/principal";

export const DEMO_TENANT_ID = "contoso";
export const DEMO_INSTANCE_ID = "contoso-retail";

/** Tenant Contoso, its demo admin and the "Contoso Retail" instance. Idempotent. */
export const seedDemoIdentity = async (db: Db) => {
  await db.tenant.upsert({ where: { id: DEMO_TENANT_ID }, update: {}, create: { id: DEMO_TENANT_ID, name: "Contoso" } });
  await db.user.upsert({
    where: { id: DEMO_ADMIN_ID },
    update: {},
    create: {
      id: DEMO_ADMIN_ID,
      tenantId: DEMO_TENANT_ID,
      email: "admin@contoso.example",
      displayName: "Avery Admin",
      role: "Admin",
    },
  });
  await db.instance.upsert({
    where: { id: DEMO_INSTANCE_ID },
    update: {},
    create: { id: DEMO_INSTANCE_ID, tenantId: DEMO_TENANT_ID, name: "Contoso Retail" },
  });
};
