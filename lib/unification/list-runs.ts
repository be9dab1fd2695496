import { type Db, getDb } from "../db/client";
import { toUnificationRunDto } from "./run/to-run-dto";
import type { TUnificationRun } from "./schemas";
import type { UnificationScope } from "./scope";

/** The instance's unification runs, newest first, a page at a time. */
export const listUnificationRuns = async (
  scope: UnificationScope,
  page: { top: number; skip: number },
  db: Db = getDb(),
): Promise<{ runs: TUnificationRun[]; total: number }> => {
  const where = { tenantId: scope.tenantId, instanceId: scope.instanceId };
  const [runs, total] = await Promise.all([
    db.unificationRun.findMany({ where, orderBy: [{ submittedAt: "desc" }, { id: "desc" }], skip: page.skip, take: page.top }),
    db.unificationRun.count({ where }),
  ]);
  return { runs: runs.map(toUnificationRunDto), total };
};
