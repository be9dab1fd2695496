import { z } from "zod";
import { ZInstanceParams } from "../../ids/schemas";
import {
  ZListSegmentMembersQuery,
  ZPreviewSegment,
  ZSegment,
  ZSegmentDetail,
  ZSegmentInput,
  ZSegmentMemberPage,
  ZSegmentParams,
  ZSegmentPreview,
  ZUpdateSegment,
} from "../../segments/schemas";
import { defineOperation } from "../operation";
import { instanceParameter, segmentParameter } from "./connector-parameters";

const tags = ["Segments"];
const ZSegmentBody = z.object({ segment: ZSegment });

const ruleSemantics =
  "Text comparisons (eq, neq, contains, startsWith, in) ignore the case of ASCII letters; numbers compare as numbers, dates (YYYY-MM-DD) in date order. An empty value matches isEmpty only (neq does not match it).";

export const ListSegments = defineOperation({
  operationId: "ListSegments",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/segments",
  tags,
  summary: "List segments",
  description: "The instance's segments by name, each with its latest size and the size before it.",
  role: "Viewer",
  params: ZInstanceParams,
  responses: { 200: z.object({ segments: z.array(ZSegment) }) },
  connector: { visibility: "advanced", parameters: { instanceId: instanceParameter } },
});

export const CreateSegment = defineOperation({
  operationId: "CreateSegment",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/segments",
  tags,
  summary: "Create a segment",
  description: `A rule over the profiles' attributes; its size is computed at once. Its name is unique in the instance (409 otherwise); a condition whose attribute is unknown, or whose operator or value does not suit the attribute's type, is refused (422 with the condition's path). ${ruleSemantics}`,
  role: "Contributor",
  params: ZInstanceParams,
  body: ZSegmentInput,
  responses: { 201: ZSegmentBody },
  errors: [409],
});

export const PreviewSegment = defineOperation({
  operationId: "PreviewSegment",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/segments/preview",
  tags,
  summary: "Preview a segment rule",
  description: "The size the rule would have now and its first members, without saving anything.",
  role: "Viewer",
  params: ZInstanceParams,
  body: ZPreviewSegment,
  responses: { 200: ZSegmentPreview },
});

export const GetSegment = defineOperation({
  operationId: "GetSegment",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/segments/{segmentId}",
  tags,
  summary: "Get a segment",
  description: "With its latest computations (size, when, how long), newest first.",
  role: "Viewer",
  params: ZSegmentParams,
  responses: { 200: z.object({ segment: ZSegmentDetail }) },
  errors: [404],
  connector: { visibility: "important", parameters: { instanceId: instanceParameter, segmentId: segmentParameter } },
});

export const UpdateSegment = defineOperation({
  operationId: "UpdateSegment",
  method: "PATCH",
  path: "/api/v1/instances/{instanceId}/segments/{segmentId}",
  tags,
  summary: "Update a segment",
  description: "Its name, description or rule; a changed rule is computed at once.",
  role: "Contributor",
  params: ZSegmentParams,
  body: ZUpdateSegment,
  responses: { 200: ZSegmentBody },
  errors: [404, 409],
});

export const DeleteSegment = defineOperation({
  operationId: "DeleteSegment",
  method: "DELETE",
  path: "/api/v1/instances/{instanceId}/segments/{segmentId}",
  tags,
  summary: "Delete a segment",
  description: "With its computation history. Refused (409) while trigger registrations or measures use it.",
  role: "Contributor",
  params: ZSegmentParams,
  responses: { 204: null },
  errors: [404, 409],
});

export const ListSegmentMembers = defineOperation({
  operationId: "ListSegmentMembers",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/segments/{segmentId}/members",
  tags,
  summary: "List a segment's members",
  description: "The profiles its rule selects now, in id order, paged with `$top` and `$skip`; `total` counts them all.",
  role: "Viewer",
  params: ZSegmentParams,
  query: ZListSegmentMembersQuery,
  responses: { 200: ZSegmentMemberPage },
  errors: [404],
});
