import { z } from "zod";
import { ZId } from "../ids/schemas";
import {
  refreshJobStatuses,
  refreshTaskKinds,
  refreshTaskSkipReasons,
  refreshTaskStatuses,
  submissionKinds,
} from "../triggers/types/refresh-job-shapes";

// Shapes of full refresh jobs shared by the API and the System screens. The statuses and counts are
// declared zod-free below the trigger types (the refresh.full.completed event shares them).

export {
  refreshJobStatuses,
  refreshTaskKinds,
  refreshTaskStatuses,
  type TRefreshJobStatus,
  type TRefreshTaskCounts,
  type TRefreshTaskKind,
  type TRefreshTaskResult,
  type TRefreshTaskSkipReason,
  type TRefreshTaskStatus,
  type TSubmissionKind,
} from "../triggers/types/refresh-job-shapes";

export const ZRefreshJobParams = z.object({ instanceId: ZId, jobId: ZId });

/** A page of jobs, newest first: OData-style paging, as the unification runs. */
export const ZListRefreshJobsQuery = z
  .object({
    $top: z.coerce.number().int().min(1).max(200).default(20),
    $skip: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

const ZStoredError = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });

const ZRefreshTaskCounts = z.union([
  z.object({ rows: z.number().int() }),
  z.object({ recordsIn: z.number().int().nullable(), matchedPairs: z.number().int().nullable(), profilesOut: z.number().int().nullable(), matchRate: z.number().nullable() }),
  z.object({ size: z.number().int() }),
  z.object({ value: z.number().nullable() }),
]);

export const ZRefreshJobTask = z
  .object({
    id: z.string(),
    position: z.number().int(),
    kind: z.enum(refreshTaskKinds),
    /** The data source, segment or measure; null for unification. */
    subjectId: z.string().nullable(),
    /** Its name when the job was created. */
    subjectName: z.string(),
    status: z.enum(refreshTaskStatuses),
    /** The data source refresh run or unification run the task started. */
    runId: z.string().nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    counts: ZRefreshTaskCounts.nullable(),
    skipReason: z.enum(refreshTaskSkipReasons).nullable(),
    error: ZStoredError.nullable(),
  })
  .meta({ id: "RefreshJobTask" });
export type TRefreshJobTask = z.infer<typeof ZRefreshJobTask>;

export const ZRefreshJob = z
  .object({
    id: z.string(),
    instanceId: z.string(),
    status: z.enum(refreshJobStatuses),
    submissionKind: z.enum(submissionKinds),
    /** A scheduled job's due time; null on demand. */
    scheduledFor: z.string().nullable(),
    submittedAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    /** When someone asked to cancel it; it stops before its next task. */
    cancelRequestedAt: z.string().nullable(),
    error: ZStoredError.nullable(),
    tasks: z.array(ZRefreshJobTask),
  })
  .meta({ id: "RefreshJob" });
export type TRefreshJob = z.infer<typeof ZRefreshJob>;

export const ZRefreshJobPage = z.object({ jobs: z.array(ZRefreshJob), total: z.number().int() });
