import { scope } from "../../lib/testing/factories";

/** A refresh-failed event's data, the size real events have. */
export const benchEventData = (sequence: number) => ({
  instance: { id: scope.instanceId, name: "Contoso Retail" },
  dataSource: { id: "ds_bench", name: "Web orders", kind: "upload" },
  run: {
    id: `run_${sequence}`,
    status: "failed",
    submissionKind: "scheduled",
    submittedAt: new Date().toISOString(),
    startedAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: 1850,
    rowCount: null,
  },
  error: { code: "missing_columns", message: "The file has no column named \"Email\"." },
});
