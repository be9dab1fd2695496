import type { Db } from "../db/client";

type Scope = { tenantId: string; instanceId: string };

/** A successful run's rows: its own when it wrote them, else (content unchanged) those it kept. */
export const rowsRunIdOf = (run: { id: string; rowsRunId: string | null }) => run.rowsRunId ?? run.id;

/**
 * The latest successful refresh of a data source: its rows (rowsRunIdOf) are the ones the source
 * holds, since a refresh replaces them in the transaction that makes it successful, and a refresh
 * that kept them points at their writer.
 */
export const latestSuccessfulRun = (db: Db, scope: Scope, dataSourceId: string) =>
  db.dataSourceRun.findFirst({
    where: { tenantId: scope.tenantId, instanceId: scope.instanceId, dataSourceId, status: "successful" },
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    select: { id: true, rowsRunId: true, columns: true, rowCount: true, contentHash: true },
  });
