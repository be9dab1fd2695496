import { z } from "zod";
import { ZInstanceParams } from "../../ids/schemas";
import { ZListRefreshJobsQuery, ZRefreshJob, ZRefreshJobPage, ZRefreshJobParams } from "../../refresh-jobs/schemas";
import { ZRefreshSchedule, ZRefreshScheduleInput } from "../../refresh-jobs/schedule/schemas";
import { defineOperation } from "../operation";
import { instanceParameter } from "./connector-parameters";

const tags = ["Full refresh"];

export const ListRefreshJobs = defineOperation({
  operationId: "ListRefreshJobs",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/refresh-jobs",
  tags,
  summary: "List full refresh jobs",
  description: "Newest first, each with its tasks; paged with `$top` and `$skip`; `total` counts them all.",
  role: "Viewer",
  params: ZInstanceParams,
  query: ZListRefreshJobsQuery,
  responses: { 200: ZRefreshJobPage },
});

export const StartFullRefresh = defineOperation({
  operationId: "StartFullRefresh",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/refresh-jobs",
  tags,
  summary: "Start a full refresh",
  description:
    "Queues a job that refreshes every data source, then unifies, then computes every segment and measure, and answers 202 with it; when a job is already queued or running, answers with that job.",
  role: "Contributor",
  params: ZInstanceParams,
  responses: { 202: z.object({ job: ZRefreshJob }) },
  errors: [409],
  connector: { visibility: "important", parameters: { instanceId: instanceParameter } },
});

export const GetRefreshJob = defineOperation({
  operationId: "GetRefreshJob",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/refresh-jobs/{jobId}",
  tags,
  summary: "Get a full refresh job",
  description: "With each task's status, timings, counts and error, live while it runs.",
  role: "Viewer",
  params: ZRefreshJobParams,
  responses: { 200: z.object({ job: ZRefreshJob }) },
  errors: [404],
  connector: {
    visibility: "important",
    parameters: {
      instanceId: instanceParameter,
      jobId: { summary: "Job", description: "The full refresh job, as Start a full refresh returned it.", visibility: "important" },
    },
  },
});

export const CancelRefreshJob = defineOperation({
  operationId: "CancelRefreshJob",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/refresh-jobs/{jobId}/cancel",
  tags,
  summary: "Cancel a full refresh job",
  description:
    "Asks a queued or running job to stop: the task in hand finishes, the rest are skipped and the job ends `cancelled`. Answers 202 with the job as it is now; 409 when it already ended.",
  role: "Contributor",
  params: ZRefreshJobParams,
  responses: { 202: z.object({ job: ZRefreshJob }) },
  errors: [404, 409],
});

export const GetRefreshSchedule = defineOperation({
  operationId: "GetRefreshSchedule",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/refresh-schedule",
  tags,
  summary: "Get the full refresh schedule",
  description: "Its cron expressions, time zone and next five run times; disabled, with no expression, when none was saved.",
  role: "Viewer",
  params: ZInstanceParams,
  responses: { 200: z.object({ schedule: ZRefreshSchedule }) },
});

export const UpdateRefreshSchedule = defineOperation({
  operationId: "UpdateRefreshSchedule",
  method: "PUT",
  path: "/api/v1/instances/{instanceId}/refresh-schedule",
  tags,
  summary: "Replace the full refresh schedule",
  description:
    "Five-field cron expressions read in an IANA time zone. Times before the save are never run; after a downtime, only the latest missed time runs. A scheduled time that finds a job still running is skipped (listed as a cancelled job with error `schedule_overlap`).",
  role: "Contributor",
  params: ZInstanceParams,
  body: ZRefreshScheduleInput,
  responses: { 200: z.object({ schedule: ZRefreshSchedule }) },
});
