import type { Db } from "../../db/client";
import { writeTransaction } from "../../db/write-transaction";
import { requestFullRefresh } from "../request-full-refresh";
import { latestDueTime } from "./run-times";

const prismaCode = (error: unknown) => (error as { code?: unknown } | null)?.code;

export type ScheduledOutcome = { instanceId: string; scheduledFor: Date; outcome: "queued" | "alreadyQueued" | "skipped" };

const expressionsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);

/**
 * One look at every enabled schedule (across tenants: the scheduler serves all of them, like the
 * worker's claims), at `now`. For each, the most recent due time at or before now that is after the
 * instance's last scheduled job and not before the schedule was saved is started as a scheduled job.
 * So a downtime runs only the latest missed time, and a new schedule replays nothing before it existed.
 *
 * While a job of the instance is active, that due time is skipped: recorded as a scheduled job that
 * ends at once, `cancelled`, with errorCode `schedule_overlap` (no tasks, no event), so the history
 * shows it and the time is not started late after the active job ends. Schedulers in several
 * processes that tick at once insert one job (or one marker) per due time: the unique (instance,
 * scheduledFor) refuses the others, which read as `alreadyQueued`.
 */
export const tickScheduler = async (db: Db, now: Date): Promise<ScheduledOutcome[]> => {
  const schedules = await db.refreshSchedule.findMany({
    where: { enabled: true },
    select: { tenantId: true, instanceId: true, cronExpressions: true, timeZone: true, updatedAt: true, instance: { select: { name: true } } },
  });
  const outcomes: ScheduledOutcome[] = [];
  for (const schedule of schedules) {
    try {
      const outcome = await startDueJob(db, schedule, now);
      if (outcome) outcomes.push(outcome);
    } catch (error) {
      // One instance's failure (a bad stored expression, a busy database) must not stop the others.
      console.error(`Scheduler: could not start the scheduled full refresh of instance ${schedule.instanceId}`, error);
    }
  }
  return outcomes;
};

type DueSchedule = { tenantId: string; instanceId: string; cronExpressions: unknown; timeZone: string; updatedAt: Date; instance: { name: string } };

const startDueJob = async (db: Db, schedule: DueSchedule, now: Date): Promise<ScheduledOutcome | null> => {
  const { tenantId, instanceId } = schedule;
  const due = latestDueTime({ cronExpressions: expressionsOf(schedule.cronExpressions), timeZone: schedule.timeZone }, now);
  if (!due || due < schedule.updatedAt) return null;
  const last = await db.refreshJob.findFirst({
    where: { tenantId, instanceId, scheduledFor: { not: null } },
    orderBy: { scheduledFor: "desc" },
    select: { scheduledFor: true },
  });
  if (last?.scheduledFor && last.scheduledFor >= due) return null;

  // Queue first: "is a job active" and the marker's insert are not one step, so reading first could
  // record as an overlap a due time whose active job ended in between (and it would never run).
  const { job, queued } = await requestFullRefresh({ tenantId, instanceId, instanceName: schedule.instance.name }, { submissionKind: "scheduled", scheduledFor: due, db });
  if (queued) return { instanceId, scheduledFor: due, outcome: "queued" };
  // Another scheduler queued this due time first.
  if (job.scheduledFor === due.toISOString()) return { instanceId, scheduledFor: due, outcome: "alreadyQueued" };
  try {
    await writeTransaction(db, (tx) =>
      tx.refreshJob.create({
        data: {
          tenantId,
          instanceId,
          status: "cancelled",
          submissionKind: "scheduled",
          scheduledFor: due,
          finishedAt: now,
          errorCode: "schedule_overlap",
          errorMessage: `A full refresh (${job.id}) was still running at this scheduled time, so this one was skipped.`,
          errorDetails: { activeJobId: job.id },
        },
      }),
    );
    return { instanceId, scheduledFor: due, outcome: "skipped" };
  } catch (error) {
    if (prismaCode(error) === "P2002") return { instanceId, scheduledFor: due, outcome: "alreadyQueued" };
    throw error;
  }
};
