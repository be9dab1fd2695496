import type { AuditContext } from "../../audit/audit-context";
import { diffChanges } from "../../audit/diff-changes";
import { recordAudit } from "../../audit/record-audit";
import { type Db, getDb } from "../../db/client";
import { writeTransaction } from "../../db/write-transaction";
import type { RefreshJobScope } from "../scope";
import { toRefreshScheduleDto } from "./get-refresh-schedule";
import type { TRefreshSchedule, TRefreshScheduleInput } from "./schemas";

/**
 * Replaces the instance's schedule as a whole. Contributors may: SPEC §7 gives them refreshes, and
 * a schedule is refreshes on a timer (the API's role is on UpdateRefreshSchedule). The saved
 * updatedAt is where the scheduler starts counting: due times before it are never run, so saving a
 * schedule replays no backlog. Saving it unchanged writes nothing (updatedAt stays, so a missed due
 * time still runs). Audited as fullRefresh.scheduleUpdated when something changed.
 */
export const updateRefreshSchedule = async (
  scope: RefreshJobScope & { instanceName: string },
  input: TRefreshScheduleInput,
  audit: AuditContext | null,
  db: Db = getDb(),
  now: Date = new Date(),
): Promise<TRefreshSchedule> => {
  const where = { tenantId: scope.tenantId, instanceId: scope.instanceId };
  const fields = { enabled: input.enabled, cronExpressions: input.cronExpressions, timeZone: input.timeZone };
  const row = await writeTransaction(db, async (tx) => {
    const before = await tx.refreshSchedule.findFirst({ where });
    const changes = diffChanges(before ? { enabled: before.enabled, cronExpressions: before.cronExpressions, timeZone: before.timeZone } : {}, fields);
    // The same schedule saved again keeps its updatedAt: moving it would drop a due time still to run.
    if (before && Object.keys(changes).length === 0) return before;
    const data = { ...fields, updatedAt: now };
    const saved = before
      ? await tx.refreshSchedule.update({ where: { instanceId: scope.instanceId, tenantId: scope.tenantId }, data })
      : await tx.refreshSchedule.create({ data: { ...where, ...data } });
    if (audit) {
      await recordAudit(tx, audit, {
        ...where,
        action: "fullRefresh.scheduleUpdated",
        targetType: "fullRefresh",
        targetId: scope.instanceId,
        targetName: scope.instanceName,
        changes,
      });
    }
    return saved;
  });
  return toRefreshScheduleDto(row, now);
};
