import { z } from "zod";
import { ZInstanceParams } from "../../ids/schemas";
import { ZMeasure, ZMeasureDetail, ZMeasureInput, ZMeasureParams, ZUpdateMeasure } from "../../measures/schemas";
import { defineOperation } from "../operation";
import { instanceParameter, measureParameter } from "./connector-parameters";

const tags = ["Measures"];
const ZMeasureBody = z.object({ measure: ZMeasure });

export const ListMeasures = defineOperation({
  operationId: "ListMeasures",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/measures",
  tags,
  summary: "List business measures",
  description: "The instance's measures by name, each with its latest value and the value before it.",
  role: "Viewer",
  params: ZInstanceParams,
  responses: { 200: z.object({ measures: z.array(ZMeasure) }) },
  connector: { visibility: "advanced", parameters: { instanceId: instanceParameter } },
});

export const CreateMeasure = defineOperation({
  operationId: "CreateMeasure",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/measures",
  tags,
  summary: "Create a business measure",
  description:
    "An aggregation (count, sum, avg, min, max, distinctCount) of a profile attribute, optionally within a segment; its value is computed at once. count without an attribute counts profiles; sum and avg take a number attribute, min and max a number or date one. Its name is unique in the instance (409 otherwise).",
  role: "Contributor",
  params: ZInstanceParams,
  body: ZMeasureInput,
  responses: { 201: ZMeasureBody },
  errors: [409],
});

export const GetMeasure = defineOperation({
  operationId: "GetMeasure",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/measures/{measureId}",
  tags,
  summary: "Get a business measure",
  description: "With its latest computations (value, when, how long), newest first.",
  role: "Viewer",
  params: ZMeasureParams,
  responses: { 200: z.object({ measure: ZMeasureDetail }) },
  errors: [404],
  connector: { visibility: "important", parameters: { instanceId: instanceParameter, measureId: measureParameter } },
});

export const UpdateMeasure = defineOperation({
  operationId: "UpdateMeasure",
  method: "PATCH",
  path: "/api/v1/instances/{instanceId}/measures/{measureId}",
  tags,
  summary: "Update a business measure",
  description: "Any of its fields. A changed definition (aggregation, attribute, segment) is checked as a new measure would be and computed at once.",
  role: "Contributor",
  params: ZMeasureParams,
  body: ZUpdateMeasure,
  responses: { 200: ZMeasureBody },
  errors: [404, 409],
});

export const DeleteMeasure = defineOperation({
  operationId: "DeleteMeasure",
  method: "DELETE",
  path: "/api/v1/instances/{instanceId}/measures/{measureId}",
  tags,
  summary: "Delete a business measure",
  description: "With its computation history. Refused (409) while trigger registrations watch it.",
  role: "Contributor",
  params: ZMeasureParams,
  responses: { 204: null },
  errors: [404, 409],
});
