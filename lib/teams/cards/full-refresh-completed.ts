import { appPaths } from "../../routing/app-paths";
import type { CardContext } from "../card-context";
import { type CardParts, fact, statusText, submissionText } from "../card-frame";
import type { CardEvent, CardEventData } from "./card-event";

// A full refresh job: how it ended, the tally of its tasks, and each task with its outcome.

type Task = CardEventData<"refresh.full.completed">["tasks"][number];

/**
 * Teams refuses a message over 28 KB, and a job has a task per data source, segment and measure:
 * past this many, the card lists the failed and skipped tasks first and counts the rest.
 */
export const MAX_TASKS_LISTED = 25;

const tasksToList = (tasks: Task[]) => {
  if (tasks.length <= MAX_TASKS_LISTED) return { listed: tasks, more: 0 };
  const rank = (task: Task) => (task.status === "failed" ? 0 : task.status === "skipped" ? 1 : 2);
  const listed = [...tasks].sort((a, b) => rank(a) - rank(b) || a.position - b.position).slice(0, MAX_TASKS_LISTED);
  return { listed, more: tasks.length - listed.length };
};

/** What a task produced, in a few words: rows read, profiles, a segment's size, a measure's value. */
const outcomeOf = (task: Task, { t, format }: CardContext): string | null => {
  const counts = task.counts as Record<string, number | null> | null;
  if (!counts) return null;
  if (task.kind === "dataSource" && typeof counts.rows === "number") return t("teamsCard.outcome.rows", { count: format.number(counts.rows) });
  if (task.kind === "unification" && typeof counts.profilesOut === "number") return t("teamsCard.outcome.profiles", { count: format.number(counts.profilesOut) });
  if (task.kind === "segment" && typeof counts.size === "number") return t("teamsCard.outcome.size", { count: format.number(counts.size) });
  if (task.kind === "measure" && typeof counts.value === "number") return t("teamsCard.outcome.value", { value: format.decimal(counts.value) });
  return null;
};

const taskValue = (task: Task, context: CardContext) => {
  const { t } = context;
  if (task.status === "skipped" && task.skipReason) return t(`system.skip.${task.skipReason}`);
  const status = statusText(context, task.status);
  const detail = task.error ? context.errorText(task.kind === "unification" ? "unificationError" : task.kind === "dataSource" ? "refreshError" : "refreshJobError", task.error) : outcomeOf(task, context);
  return detail ? t("teamsCard.statusAndOutcome", { status, outcome: detail }) : status;
};

export const fullRefreshCompletedCard = (event: CardEvent<"refresh.full.completed">, context: CardContext): CardParts => {
  const { t, format } = context;
  const { data } = event;
  const { job, taskCounts } = data;
  const { listed, more } = tasksToList(data.tasks);
  const title = { successful: "teamsCard.title.fullRefreshCompleted", failed: "teamsCard.title.fullRefreshFailed", cancelled: "teamsCard.title.fullRefreshCancelled" } as const;
  return {
    title: t(title[job.status], { instance: data.instance.name }),
    tone: job.status === "successful" ? "good" : job.status === "failed" ? "attention" : "default",
    facts: [
      fact(t("teamsCard.fact.status"), statusText(context, job.status)),
      fact(
        t("teamsCard.fact.tasks"),
        t("teamsCard.taskCounts", {
          total: format.number(taskCounts.total),
          successful: format.number(taskCounts.successful),
          failed: format.number(taskCounts.failed),
          skipped: format.number(taskCounts.skipped),
        }),
      ),
      fact(t("teamsCard.fact.submission"), submissionText(context, data.submissionKind)),
      fact(t("teamsCard.fact.finished"), format.dateTime(job.finishedAt)),
      fact(t("teamsCard.fact.duration"), format.duration(job.durationMs)),
    ],
    sections: [
      {
        heading: t("teamsCard.section.tasks"),
        facts: [
          ...listed.map((task) => fact(t("teamsCard.task", { kind: t(`teamsCard.taskKind.${task.kind}`), name: task.subjectName }), taskValue(task, context))),
          more > 0 ? fact(t("teamsCard.moreTasks.title"), t("teamsCard.moreTasks", { count: format.number(more) })) : null,
        ],
      },
    ],
    link: appPaths.system(event.instanceId),
  };
};
