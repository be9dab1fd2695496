import { z } from "zod";
import { defineTriggerType } from "./definition";
import { ZEventError, ZEventInstance, ZEventTime } from "./event-data-parts";
import {
  refreshTaskKinds,
  refreshTaskSkipReasons,
  refreshTaskStatuses,
  type TRefreshTaskCounts,
  type TRefreshTaskKind,
  type TRefreshTaskSkipReason,
  type TRefreshTaskStatus,
} from "./refresh-job-shapes";
import { runDurationMs } from "./run-duration";
import { subjects } from "./subjects";

// A full refresh job finished: successful, failed or cancelled. lib/refresh-jobs/execute-job.ts
// builds real events in the transaction that records the job's end; test-fires build sample ones.

export const ZRefreshSubmissionKindParameter = z.enum(["scheduled", "onDemand", "any"]);

export const refreshFullCompletedParameters = subjects.instance.parameters.extend({
  /** Which jobs the trigger listens to; `any` (the default) is stored as a NULL column. */
  submissionKind: ZRefreshSubmissionKindParameter.default("any"),
});

/**
 * The registration's submissionKind column, which the fan-out matches on (NULL: any). Read from
 * any type's parameters: only this type's carry a submission kind, the others get NULL.
 */
export const submissionKindColumnOf = (parameters: object): "scheduled" | "onDemand" | null => {
  const kind = (parameters as { submissionKind?: unknown }).submissionKind;
  return kind === "scheduled" || kind === "onDemand" ? kind : null;
};

export type RefreshJobEventTask = {
  position: number;
  kind: TRefreshTaskKind;
  subjectId: string | null;
  subjectName: string;
  status: TRefreshTaskStatus;
  runId: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  counts: TRefreshTaskCounts[TRefreshTaskKind] | null;
  skipReason: TRefreshTaskSkipReason | null;
  error: { code: string; message: string } | null;
};

export type RefreshJobEventInput = {
  instance: { id: string; name: string };
  job: {
    id: string;
    status: "successful" | "failed" | "cancelled";
    submissionKind: string;
    scheduledFor: Date | null;
    submittedAt: Date;
    startedAt: Date | null;
    finishedAt: Date;
  };
  tasks: RefreshJobEventTask[];
};

const ZTaskCounts = z.union([
  z.strictObject({ rows: z.number().int() }),
  z.strictObject({ recordsIn: z.number().int().nullable(), matchedPairs: z.number().int().nullable(), profilesOut: z.number().int().nullable(), matchRate: z.number().nullable() }),
  z.strictObject({ size: z.number().int() }),
  z.strictObject({ value: z.number().nullable() }),
]);

export const ZRefreshJobEventData = z.strictObject({
  instance: ZEventInstance,
  submissionKind: z.string(),
  job: z.strictObject({
    id: z.string(),
    status: z.enum(["successful", "failed", "cancelled"]),
    submissionKind: z.string(),
    scheduledFor: ZEventTime.nullable(),
    submittedAt: ZEventTime,
    startedAt: ZEventTime.nullable(),
    finishedAt: ZEventTime,
    durationMs: z.number().nullable(),
  }),
  taskCounts: z.strictObject({ total: z.number().int(), successful: z.number().int(), failed: z.number().int(), skipped: z.number().int() }),
  tasks: z.array(
    z.strictObject({
      position: z.number().int(),
      kind: z.enum(refreshTaskKinds),
      subjectId: z.string().nullable(),
      subjectName: z.string(),
      status: z.enum(refreshTaskStatuses),
      runId: z.string().nullable(),
      startedAt: ZEventTime.nullable(),
      finishedAt: ZEventTime.nullable(),
      durationMs: z.number().nullable(),
      counts: ZTaskCounts.nullable(),
      skipReason: z.enum(refreshTaskSkipReasons).nullable(),
      error: ZEventError.nullable(),
    }),
  ),
});

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** `data` of the event: the job, a tally of its tasks' statuses, and every task with its timings, counts and error. */
export const buildRefreshJobEventData = ({ instance, job, tasks }: RefreshJobEventInput) => {
  const tally = (status: TRefreshTaskStatus) => tasks.filter((task) => task.status === status).length;
  return {
    instance: { id: instance.id, name: instance.name },
    // SPEC §4 puts the submission kind in `data` itself: the field a flow filters on first.
    submissionKind: job.submissionKind,
    job: {
      id: job.id,
      status: job.status,
      submissionKind: job.submissionKind,
      scheduledFor: iso(job.scheduledFor),
      submittedAt: job.submittedAt.toISOString(),
      startedAt: iso(job.startedAt),
      finishedAt: job.finishedAt.toISOString(),
      durationMs: runDurationMs(job),
    },
    taskCounts: { total: tasks.length, successful: tally("successful"), failed: tally("failed"), skipped: tally("skipped") },
    tasks: tasks.map((task) => ({
      position: task.position,
      kind: task.kind,
      subjectId: task.subjectId,
      subjectName: task.subjectName,
      status: task.status,
      runId: task.runId,
      startedAt: iso(task.startedAt),
      finishedAt: iso(task.finishedAt),
      durationMs: runDurationMs(task),
      counts: task.counts,
      skipReason: task.skipReason,
      error: task.error ? { code: task.error.code, message: task.error.message } : null,
    })),
  };
};

/** A scheduled job over two sources, unification, a segment and a measure that ended a moment ago, successfully. */
const sampleJob = ({ now, instance, newId }: { now: Date; instance: { id: string; name: string }; newId: (prefix: string) => string }): RefreshJobEventInput => {
  const at = (msBeforeNow: number) => new Date(now.getTime() - msBeforeNow);
  const task = <K extends TRefreshTaskKind>(
    position: number,
    kind: K,
    subject: { id: string | null; name: string },
    startMs: number,
    endMs: number,
    counts: TRefreshTaskCounts[K],
    runId: string | null = null,
  ): RefreshJobEventTask => ({
    position,
    kind,
    subjectId: subject.id,
    subjectName: subject.name,
    status: "successful",
    runId,
    startedAt: at(startMs),
    finishedAt: at(endMs),
    counts,
    skipReason: null,
    error: null,
  });
  return {
    instance,
    job: {
      id: newId("rjob_sample"),
      status: "successful",
      submissionKind: "scheduled",
      scheduledFor: at(4_200),
      submittedAt: at(4_100),
      startedAt: at(4_000),
      finishedAt: now,
    },
    tasks: [
      task(0, "dataSource", { id: "sample-crm-contacts", name: "CRM contacts (sample)" }, 4_000, 3_400, { rows: 1_450 }, newId("run_sample")),
      task(1, "dataSource", { id: "sample-web-orders", name: "Web orders (sample)" }, 3_400, 3_000, { rows: 1_000 }, newId("run_sample")),
      task(2, "unification", { id: null, name: instance.name }, 3_000, 600, { recordsIn: 2_450, matchedPairs: 610, profilesOut: 1_840, matchRate: 0.4776 }, newId("urun_sample")),
      task(3, "segment", { id: "sample-loyal-customers", name: "Loyal customers (sample)" }, 600, 300, { size: 412 }),
      task(4, "measure", { id: "sample-average-order", name: "Average order value (sample)" }, 300, 0, { value: 87.35 }),
    ],
  };
};

/** Every finished full refresh of the instance, of the chosen submission kind (or any). */
export const refreshFullCompleted = defineTriggerType("refresh.full.completed", {
  parameters: refreshFullCompletedParameters,
  data: ZRefreshJobEventData,
  buildData: buildRefreshJobEventData,
  sampleInput: sampleJob,
});
