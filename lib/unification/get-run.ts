import { type Db, getDb } from "../db/client";
import { notFound } from "../errors/app-error";
import { toUnificationRunDto } from "./run/to-run-dto";
import type { TUnificationRun } from "./schemas";
import type { UnificationScope } from "./scope";

export const getUnificationRun = async (scope: UnificationScope, runId: string, db: Db = getDb()): Promise<TUnificationRun> => {
  const run = await db.unificationRun.findFirst({ where: { id: runId, tenantId: scope.tenantId, instanceId: scope.instanceId } });
  if (!run) throw notFound("unificationRun");
  return toUnificationRunDto(run);
};
