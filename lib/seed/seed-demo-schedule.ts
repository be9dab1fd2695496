import type { Db } from "../db/client";
import { updateRefreshSchedule } from "../refresh-jobs/schedule/update-refresh-schedule";
import { demoTenants } from "./demo-identity";

/** Contoso Retail refreshes everything at night, Madrid time, when nobody is looking at the numbers. */
export const demoRefreshSchedule = { enabled: true, cronExpressions: ["0 2 * * *"], timeZone: "Europe/Madrid" };

/** Gives the instance the nightly schedule unless it has a schedule of its own (kept as the user left it). */
export const seedDemoSchedule = async (db: Db, scope: { tenantId: string; instanceId: string }) => {
  const existing = await db.refreshSchedule.findFirst({ where: scope, select: { instanceId: true } });
  if (existing) return;
  const instanceName = demoTenants.find((tenant) => tenant.instance.id === scope.instanceId)!.instance.name;
  const audit = { actorId: "demo-seed", actorName: "Demo data", tenantId: scope.tenantId, ip: null, userAgent: null };
  await updateRefreshSchedule({ ...scope, instanceName }, demoRefreshSchedule, audit, db);
};
