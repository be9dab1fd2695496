import { type Db, getDb } from "../../db/client";
import type { RefreshJobScope } from "../scope";
import { nextRunTimes } from "./run-times";
import type { TRefreshSchedule } from "./schemas";

type ScheduleRow = { instanceId: string; enabled: boolean; cronExpressions: unknown; timeZone: string; updatedAt: Date };

const expressionsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);

export const toRefreshScheduleDto = (row: ScheduleRow, now: Date = new Date()): TRefreshSchedule => {
  const cronExpressions = expressionsOf(row.cronExpressions);
  return {
    instanceId: row.instanceId,
    enabled: row.enabled,
    cronExpressions,
    timeZone: row.timeZone,
    updatedAt: row.updatedAt.toISOString(),
    nextRunTimes: row.enabled ? nextRunTimes({ cronExpressions, timeZone: row.timeZone }, now, 5).map((time) => time.toISOString()) : [],
  };
};

/** The instance's schedule; an instance that never had one reads as disabled, with no expression, in UTC. */
export const getRefreshSchedule = async (scope: RefreshJobScope, db: Db = getDb(), now: Date = new Date()): Promise<TRefreshSchedule> => {
  const row = await db.refreshSchedule.findFirst({ where: { tenantId: scope.tenantId, instanceId: scope.instanceId } });
  if (!row) return { instanceId: scope.instanceId, enabled: false, cronExpressions: [], timeZone: "UTC", updatedAt: null, nextRunTimes: [] };
  return toRefreshScheduleDto(row, now);
};
