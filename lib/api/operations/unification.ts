import { z } from "zod";
import { ZInstanceParams } from "../../ids/schemas";
import {
  ZCustomerProfileDetail,
  ZCustomerProfilePage,
  ZListProfilesQuery,
  ZListUnificationRunsQuery,
  ZProfileParams,
  ZUnificationConfig,
  ZUnificationConfigView,
  ZUnificationRun,
  ZUnificationRunPage,
  ZUnificationRunParams,
} from "../../unification/schemas";
import { defineOperation } from "../operation";
import { instanceParameter, profileQueryParameters } from "./connector-parameters";

const tags = ["Unification"];

export const GetUnificationConfig = defineOperation({
  operationId: "GetUnificationConfig",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/unification/config",
  tags,
  summary: "Get the unification configuration",
  description: "Map, match and merge settings, and the attributes the instance's profiles have.",
  role: "Viewer",
  params: ZInstanceParams,
  responses: { 200: ZUnificationConfigView },
});

export const UpdateUnificationConfig = defineOperation({
  operationId: "UpdateUnificationConfig",
  method: "PUT",
  path: "/api/v1/instances/{instanceId}/unification/config",
  tags,
  summary: "Replace the unification configuration",
  description: "Replaces it as a whole; the next run uses it. Attributes without a merge policy take firstNonEmpty.",
  role: "Admin",
  params: ZInstanceParams,
  body: ZUnificationConfig,
  responses: { 200: ZUnificationConfigView },
});

export const ListUnificationRuns = defineOperation({
  operationId: "ListUnificationRuns",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/unification/runs",
  tags,
  summary: "List unification runs",
  description: "Newest first, paged with `$top` and `$skip`; `total` counts them all.",
  role: "Viewer",
  params: ZInstanceParams,
  query: ZListUnificationRunsQuery,
  responses: { 200: ZUnificationRunPage },
});

export const StartUnification = defineOperation({
  operationId: "StartUnification",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/unification/runs",
  tags,
  summary: "Start a unification run",
  description: "Queues a run (map → match → merge) and answers 202 with it; when one is already queued or running, answers with that run.",
  role: "Contributor",
  params: ZInstanceParams,
  responses: { 202: z.object({ run: ZUnificationRun }) },
  errors: [409],
});

export const GetUnificationRun = defineOperation({
  operationId: "GetUnificationRun",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/unification/runs/{runId}",
  tags,
  summary: "Get a unification run",
  description: "With each stage's status, timings and counts, live while it runs.",
  role: "Viewer",
  params: ZUnificationRunParams,
  responses: { 200: z.object({ run: ZUnificationRun }) },
  errors: [404],
});

export const ListCustomerProfiles = defineOperation({
  operationId: "ListCustomerProfiles",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/profiles",
  tags: ["Customer profiles"],
  summary: "List customer profiles",
  description: "`search` matches name, email and phone; paged with `$top` and `$skip`; `total` counts every match.",
  role: "Viewer",
  params: ZInstanceParams,
  query: ZListProfilesQuery,
  responses: { 200: ZCustomerProfilePage },
  connector: { visibility: "important", parameters: { instanceId: instanceParameter, ...profileQueryParameters } },
});

export const GetCustomerProfile = defineOperation({
  operationId: "GetCustomerProfile",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/profiles/{profileId}",
  tags: ["Customer profiles"],
  summary: "Get a customer profile",
  description: "With its source records, and the rule that joined each.",
  role: "Viewer",
  params: ZProfileParams,
  responses: { 200: z.object({ profile: ZCustomerProfileDetail }) },
  errors: [404],
  connector: {
    visibility: "important",
    parameters: {
      instanceId: instanceParameter,
      profileId: { summary: "Customer profile", description: "The unified customer profile's id.", visibility: "important" },
    },
  },
});
