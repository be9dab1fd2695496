import { z } from "zod";
import { ZColumnSamples, ZCreateDataSource, ZDataSource, ZDataSourceParams, ZDataSourceRun, ZDataSourceRunParams, ZListDataSourceRunsQuery, MAX_UPLOAD_BYTES } from "../../datasources/schemas";
import { ZInstanceParams } from "../../ids/schemas";
import { defineOperation } from "../operation";
import { dataSourceParameter, instanceParameter } from "./connector-parameters";

const tags = ["Data sources"];
const ZDataSourceBody = z.object({ dataSource: ZDataSource });
const ZRunBody = z.object({ run: ZDataSourceRun });

export const ListDataSources = defineOperation({
  operationId: "ListDataSources",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/data-sources",
  tags,
  summary: "List data sources",
  description: "The instance's data sources, each with its latest upload and last refresh run.",
  role: "Viewer",
  params: ZInstanceParams,
  responses: { 200: z.object({ dataSources: z.array(ZDataSource) }) },
  connector: { visibility: "advanced", parameters: { instanceId: instanceParameter } },
});

export const CreateDataSource = defineOperation({
  operationId: "CreateDataSource",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/data-sources",
  tags,
  summary: "Create a data source",
  description: "An upload, file or url data source. Its name is unique in the instance (409 otherwise).",
  role: "Contributor",
  params: ZInstanceParams,
  body: ZCreateDataSource,
  responses: { 201: ZDataSourceBody },
  errors: [409],
});

export const GetDataSource = defineOperation({
  operationId: "GetDataSource",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/data-sources/{dataSourceId}",
  tags,
  summary: "Get a data source",
  role: "Viewer",
  params: ZDataSourceParams,
  responses: { 200: ZDataSourceBody },
  errors: [404],
});

export const DeleteDataSource = defineOperation({
  operationId: "DeleteDataSource",
  method: "DELETE",
  path: "/api/v1/instances/{instanceId}/data-sources/{dataSourceId}",
  tags,
  summary: "Delete a data source",
  description: "With its uploads, runs and rows. Refused (409) while trigger registrations watch it.",
  role: "Contributor",
  params: ZDataSourceParams,
  responses: { 204: null },
  errors: [404, 409],
});

export const StartDataSourceRefresh = defineOperation({
  operationId: "StartDataSourceRefresh",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/data-sources/{dataSourceId}/refresh",
  tags,
  summary: "Start a data source refresh",
  description: "Queues a refresh and answers 202 with its run; when one is already queued or running, answers with that run.",
  role: "Contributor",
  params: ZDataSourceParams,
  responses: { 202: ZRunBody },
  errors: [404, 409],
  connector: { visibility: "important", summary: "Start a data source refresh", parameters: { instanceId: instanceParameter, dataSourceId: dataSourceParameter } },
});

export const ListDataSourceRuns = defineOperation({
  operationId: "ListDataSourceRuns",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/data-sources/{dataSourceId}/runs",
  tags,
  summary: "List a data source's refresh runs",
  description: "Newest first.",
  role: "Viewer",
  params: ZDataSourceParams,
  query: ZListDataSourceRunsQuery,
  responses: { 200: z.object({ runs: z.array(ZDataSourceRun) }) },
  errors: [404],
});

export const GetDataSourceRun = defineOperation({
  operationId: "GetDataSourceRun",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/data-sources/{dataSourceId}/runs/{runId}",
  tags,
  summary: "Get a refresh run",
  description: "Its status, timings, row count and error: poll it after StartDataSourceRefresh.",
  role: "Viewer",
  params: ZDataSourceRunParams,
  responses: { 200: ZRunBody },
  errors: [404],
});

export const ReplaceDataSourceContent = defineOperation({
  operationId: "ReplaceDataSourceContent",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/data-sources/{dataSourceId}/uploads",
  tags,
  summary: "Replace a data source's content",
  description: `A CSV file, as the multipart field \`file\` or as a text/csv body, of ${MAX_UPLOAD_BYTES / 1024 / 1024} MB at most. It becomes the upload data source's content; the next refresh reads it.`,
  role: "Contributor",
  params: ZDataSourceParams,
  body: "raw",
  rawBody: {
    description: "The CSV file.",
    content: {
      "multipart/form-data": {
        schema: { type: "object", properties: { file: { type: "string", contentMediaType: "text/csv" } }, required: ["file"] },
      },
      "text/csv": { schema: { type: "string" } },
    },
  },
  responses: { 201: ZDataSourceBody },
  errors: [400, 404, 409, 413, 415, 422],
});

export const GetDataSourceColumnSamples = defineOperation({
  operationId: "GetDataSourceColumnSamples",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/data-sources/{dataSourceId}/column-samples",
  tags,
  summary: "Get samples of a data source's column values",
  description:
    "Up to three distinct non-empty values of each column, from the first rows of the last successful refresh, in the header's order: for choosing which profile attribute a column feeds. No columns before a successful refresh.",
  role: "Viewer",
  params: ZDataSourceParams,
  responses: { 200: ZColumnSamples },
  errors: [404],
});
