import Ajv2020 from "ajv/dist/2020";
import { beforeAll, describe, expect, it } from "vitest";
import * as instancesRoute from "@/app/api/v1/instances/route";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import * as auditLogRoute from "@/app/api/v1/audit-log/route";
import * as auditActorsRoute from "@/app/api/v1/audit-log/actors/route";
import * as dataSourcesRoute from "@/app/api/v1/instances/[instanceId]/data-sources/route";
import * as dataSourceRoute from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/route";
import * as refreshRoute from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/refresh/route";
import * as dataSourceRunsRoute from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/runs/route";
import * as dataSourceRunRoute from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/runs/[runId]/route";
import * as columnSamplesRoute from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/column-samples/route";
import * as registrationsRoute from "@/app/api/v1/instances/[instanceId]/trigger-registrations/route";
import * as registrationRoute from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/route";
import * as pauseRoute from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/pause/route";
import * as deliveriesRoute from "@/app/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/deliveries/route";
import * as configRoute from "@/app/api/v1/instances/[instanceId]/unification/config/route";
import * as unificationRunsRoute from "@/app/api/v1/instances/[instanceId]/unification/runs/route";
import * as unificationRunRoute from "@/app/api/v1/instances/[instanceId]/unification/runs/[runId]/route";
import * as profilesRoute from "@/app/api/v1/instances/[instanceId]/profiles/route";
import * as profileRoute from "@/app/api/v1/instances/[instanceId]/profiles/[profileId]/route";
import * as segmentsRoute from "@/app/api/v1/instances/[instanceId]/segments/route";
import * as segmentRoute from "@/app/api/v1/instances/[instanceId]/segments/[segmentId]/route";
import * as segmentMembersRoute from "@/app/api/v1/instances/[instanceId]/segments/[segmentId]/members/route";
import * as segmentPreviewRoute from "@/app/api/v1/instances/[instanceId]/segments/preview/route";
import * as measuresRoute from "@/app/api/v1/instances/[instanceId]/measures/route";
import * as measureRoute from "@/app/api/v1/instances/[instanceId]/measures/[measureId]/route";
import * as refreshJobsRoute from "@/app/api/v1/instances/[instanceId]/refresh-jobs/route";
import * as refreshJobRoute from "@/app/api/v1/instances/[instanceId]/refresh-jobs/[jobId]/route";
import * as cancelRefreshJobRoute from "@/app/api/v1/instances/[instanceId]/refresh-jobs/[jobId]/cancel/route";
import * as refreshScheduleRoute from "@/app/api/v1/instances/[instanceId]/refresh-schedule/route";
import { startRefreshWorker } from "../../datasources/refresh-worker";
import { getDb } from "../../db/client";
import { taskRunners } from "../../refresh-jobs/default-task-runners";
import { executeRefreshJob } from "../../refresh-jobs/execute-job";
import { DEMO_INSTANCE_ID } from "../../seed/demo-identity";
import { createInstanceRegistration, createSourceWithRows, seedIdentity, useFixedEncryptionKey } from "../../testing/factories";
import { useTestDatabase } from "../../testing/test-database";
import { unificationEngine } from "../../unification/run/engine";
import { executeUnificationRun } from "../../unification/run/execute-run";
import { startUnificationWorker } from "../../unification/run/unification-worker";
import { type CallRouteInit, type RouteResult, callRoute } from "../testing/call-route";
import { apiOperations } from "../operations";
import { buildOpenApiDocument } from "./build-document";

// The document against the API's real answers: responses of real operations, on a real database,
// validated with the JSON Schemas the document publishes (ajv, JSON Schema 2020-12, as OpenAPI 3.1).
// A handler that returned more or other than its operation declares fails here even where the
// compiler cannot see it (a Response built by hand, a cast).

useTestDatabase();
useFixedEncryptionKey();

type JsonObject = Record<string, any>;
const document = buildOpenApiDocument(apiOperations) as JsonObject;
const ajv = new Ajv2020({ strict: false, allErrors: true });

const operationById = (operationId: string) => {
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, JsonObject>>)) {
    for (const operation of Object.values(item)) if (operation.operationId === operationId) return { path, operation };
  }
  throw new Error(`No operation ${operationId} in the document`);
};

/** The documented response schema, standalone: components become $defs. */
const responseSchema = (operationId: string, status: number) => {
  const response = operationById(operationId).operation.responses[String(status)];
  expect(response, `${operationId} does not document status ${status}`).toBeDefined();
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) return undefined;
  const standalone = JSON.parse(JSON.stringify({ ...schema, $defs: document.components.schemas }).replaceAll("#/components/schemas/", "#/$defs/"));
  return standalone as JsonObject;
};

const expectDocumented = (operationId: string, result: RouteResult<any>) => {
  const schema = responseSchema(operationId, result.status);
  if (!schema) {
    expect(result.text, `${operationId} ${result.status} has no body`).toBe("");
    return;
  }
  const validate = ajv.compile(schema);
  const valid = validate(result.json);
  expect(validate.errors ?? [], `${operationId} ${result.status}: ${result.text.slice(0, 400)}`).toEqual([]);
  expect(valid).toBe(true);
};

type Handler = Parameters<typeof callRoute>[0];
const base = `/api/v1/instances/${DEMO_INSTANCE_ID}`;
const instanceParams = { instanceId: DEMO_INSTANCE_ID };

/** Calls an operation's route and checks the answer against the document; returns it for the next call. */
const call = async (operationId: string, handler: Handler, init: CallRouteInit, expectedStatus: number) => {
  const result = await callRoute(handler, { as: "Admin", ...init });
  expect(result.status, `${operationId}: ${result.text.slice(0, 300)}`).toBe(expectedStatus);
  expectDocumented(operationId, result);
  return result;
};

let crm = "";

beforeAll(async () => {
  await seedIdentity(getDb());
  crm = (
    await createSourceWithRows({
      name: "CRM",
      columns: ["id", "email", "first"],
      rows: [
        { id: "c1", email: "ann@example.com", first: "Ann" },
        { id: "c2", email: "ANN@example.com ", first: "Anna" },
        { id: "c3", email: "bob@example.com", first: "Bob" },
      ],
    })
  ).id;
  await createInstanceRegistration({ type: "unification.refresh.completed" });
});

describe("the API's answers match its OpenAPI document", () => {
  it("the validator refuses an answer that does not match (so the checks below can fail)", () => {
    const validate = ajv.compile(responseSchema("ListInstances", 200)!);
    expect(validate({ instances: [{ id: "x", name: "y" }] })).toBe(false);
    expect(validate({ instances: [{ id: "x", name: "y", createdAt: "2026-01-01T00:00:00.000Z", extra: 1 }] })).toBe(false);
  });

  it("instances, the document itself, and the audit log", async () => {
    await call("ListInstances", instancesRoute.GET, { path: "/api/v1/instances" }, 200);
    await call("GetOpenApiDocument", openApiRoute.GET, { as: null, path: "/api/v1/openapi.json" }, 200);
    await call("ListAuditEntries", auditLogRoute.GET, { path: "/api/v1/audit-log" }, 200);
    await call("ListAuditActors", auditActorsRoute.GET, { path: "/api/v1/audit-log/actors" }, 200);
  });

  it("data sources: create, list, get, refresh, runs, and an error body", async () => {
    const created = await call(
      "CreateDataSource",
      dataSourcesRoute.POST,
      { method: "POST", path: `${base}/data-sources`, params: instanceParams, body: { kind: "upload", name: "Orders", requiredColumns: ["email"] } },
      201,
    );
    const dataSourceId = created.json.dataSource.id as string;
    const params = { ...instanceParams, dataSourceId };
    await call("ListDataSources", dataSourcesRoute.GET, { path: `${base}/data-sources`, params: instanceParams }, 200);
    await call("GetDataSource", dataSourceRoute.GET, { path: `${base}/data-sources/${crm}`, params: { ...instanceParams, dataSourceId: crm } }, 200);
    const refresh = await call("StartDataSourceRefresh", refreshRoute.POST, { method: "POST", path: `${base}/data-sources/${dataSourceId}/refresh`, params }, 202);
    const runId = refresh.json.run.id as string;
    const run = await call("GetDataSourceRun", dataSourceRunRoute.GET, { path: `${base}/data-sources/${dataSourceId}/runs/${runId}`, params: { ...params, runId } }, 200);
    expect(run.json.run).toEqual(refresh.json.run);
    // A run is found under its own data source only.
    await call("GetDataSourceRun", dataSourceRunRoute.GET, { path: `${base}/data-sources/${crm}/runs/${runId}`, params: { ...instanceParams, dataSourceId: crm, runId } }, 404);
    await call("ListDataSourceRuns", dataSourceRunsRoute.GET, { path: `${base}/data-sources/${crm}/runs`, params: { ...instanceParams, dataSourceId: crm } }, 200);
    await call("GetDataSourceColumnSamples", columnSamplesRoute.GET, { path: `${base}/data-sources/${crm}/column-samples`, params: { ...instanceParams, dataSourceId: crm } }, 200);
    await call("GetDataSourceColumnSamples", columnSamplesRoute.GET, { path: `${base}/data-sources/ds_nowhere/column-samples`, params: { ...instanceParams, dataSourceId: "ds_nowhere" } }, 404);
    await call("GetDataSource", dataSourceRoute.GET, { path: `${base}/data-sources/ds_nowhere`, params: { ...instanceParams, dataSourceId: "ds_nowhere" } }, 404);
    await call("CreateDataSource", dataSourcesRoute.POST, { method: "POST", path: `${base}/data-sources`, params: instanceParams, body: { kind: "upload" } }, 422);
  });

  it("trigger registrations: create (with the secret), list, get, pause, update, delete", async () => {
    const created = await call(
      "CreateTriggerRegistration",
      registrationsRoute.POST,
      {
        method: "POST",
        path: `${base}/trigger-registrations`,
        params: instanceParams,
        body: { displayName: "Failed refreshes", type: "datasource.refresh.failed", parameters: { dataSourceId: crm }, callbackUrl: "https://8.8.8.8/hook" },
      },
      201,
    );
    const registrationId = created.json.registration.id as string;
    const params = { ...instanceParams, registrationId };
    const path = `${base}/trigger-registrations/${registrationId}`;
    await call("ListTriggerRegistrations", registrationsRoute.GET, { path: `${base}/trigger-registrations`, params: instanceParams }, 200);
    await call("GetTriggerRegistration", registrationRoute.GET, { path, params }, 200);
    await call("PauseTriggerRegistration", pauseRoute.POST, { method: "POST", path: `${path}/pause`, params }, 200);
    await call("UpdateTriggerRegistration", registrationRoute.PATCH, { method: "PATCH", path, params, body: { displayName: "Renamed" } }, 200);
    await call("DeleteTriggerRegistration", registrationRoute.DELETE, { method: "DELETE", path, params }, 204);
  });

  it("unification: configure, run, runs, profiles, and the delivery its trigger queued", async () => {
    const config = {
      customAttributes: [],
      sources: [{ dataSourceId: crm, primaryKeyColumn: "id", columns: [{ column: "email", attribute: "email" }, { column: "first", attribute: "firstName" }] }],
      rules: [{ name: "Same email", conditions: [{ attribute: "email", normalizations: ["trim", "lowercase"] }] }],
    };
    await call("UpdateUnificationConfig", configRoute.PUT, { method: "PUT", path: `${base}/unification/config`, params: instanceParams, body: config }, 200);
    await call("GetUnificationConfig", configRoute.GET, { path: `${base}/unification/config`, params: instanceParams }, 200);
    const started = await call("StartUnification", unificationRunsRoute.POST, { method: "POST", path: `${base}/unification/runs`, params: instanceParams }, 202);
    const runId = started.json.run.id as string;
    expect((await executeUnificationRun(runId, unificationEngine))?.status).toBe("successful");
    await call("GetUnificationRun", unificationRunRoute.GET, { path: `${base}/unification/runs/${runId}`, params: { ...instanceParams, runId } }, 200);
    await call("ListUnificationRuns", unificationRunsRoute.GET, { path: `${base}/unification/runs?$top=5`, params: instanceParams }, 200);

    const profiles = await call("ListCustomerProfiles", profilesRoute.GET, { path: `${base}/profiles?search=ann&$top=10&$skip=0`, params: instanceParams }, 200);
    expect(profiles.json.total).toBe(1);
    const profileId = profiles.json.profiles[0].id as string;
    const profile = await call("GetCustomerProfile", profileRoute.GET, { path: `${base}/profiles/${profileId}`, params: { ...instanceParams, profileId } }, 200);
    expect(profile.json.profile.sourceRecords.some((r: JsonObject) => r.joinedBy !== null)).toBe(true);

    const registration = await getDb().triggerRegistration.findFirstOrThrow({ where: { type: "unification.refresh.completed" } });
    const deliveries = await call(
      "ListTriggerRegistrationDeliveries",
      deliveriesRoute.GET,
      { path: `${base}/trigger-registrations/${registration.id}/deliveries`, params: { ...instanceParams, registrationId: registration.id } },
      200,
    );
    expect(deliveries.json.deliveries.length).toBeGreaterThan(0);
  });
  it("segments and measures: create, list, get, preview, members, update, delete, and error bodies", async () => {
    // After the unification test above: the instance has profiles.
    const rule = {
      combinator: "or",
      conditions: [
        { attribute: "email", operator: "contains", value: "@" },
        { combinator: "and", conditions: [{ attribute: "firstName", operator: "in", value: ["Ann", "Bob"] }, { attribute: "birthDate", operator: "isEmpty" }] },
      ],
    };
    const segments = `${base}/segments`;
    const created = await call("CreateSegment", segmentsRoute.POST, { method: "POST", path: segments, params: instanceParams, body: { name: "With email", rule } }, 201);
    const segmentId = created.json.segment.id as string;
    const params = { ...instanceParams, segmentId };
    await call("ListSegments", segmentsRoute.GET, { path: segments, params: instanceParams }, 200);
    await call("GetSegment", segmentRoute.GET, { path: `${segments}/${segmentId}`, params }, 200);
    await call("PreviewSegment", segmentPreviewRoute.POST, { method: "POST", path: `${segments}/preview`, params: instanceParams, body: { rule } }, 200);
    await call("ListSegmentMembers", segmentMembersRoute.GET, { path: `${segments}/${segmentId}/members?$top=5`, params }, 200);
    await call("UpdateSegment", segmentRoute.PATCH, { method: "PATCH", path: `${segments}/${segmentId}`, params, body: { description: "Reachable" } }, 200);
    await call("CreateSegment", segmentsRoute.POST, { method: "POST", path: segments, params: instanceParams, body: { name: "With email", rule } }, 409);
    await call("PreviewSegment", segmentPreviewRoute.POST, { method: "POST", path: `${segments}/preview`, params: instanceParams, body: { rule: { combinator: "and", conditions: [{ attribute: "nope", operator: "isEmpty" }] } } }, 422);

    const measures = `${base}/measures`;
    const measure = await call("CreateMeasure", measuresRoute.POST, { method: "POST", path: measures, params: instanceParams, body: { name: "Reachable", aggregation: "count", segmentId } }, 201);
    const measureId = measure.json.measure.id as string;
    const measureParams = { ...instanceParams, measureId };
    await call("ListMeasures", measuresRoute.GET, { path: measures, params: instanceParams }, 200);
    await call("GetMeasure", measureRoute.GET, { path: `${measures}/${measureId}`, params: measureParams }, 200);
    await call("UpdateMeasure", measureRoute.PATCH, { method: "PATCH", path: `${measures}/${measureId}`, params: measureParams, body: { aggregation: "distinctCount", attribute: "email" } }, 200);
    await call("DeleteSegment", segmentRoute.DELETE, { method: "DELETE", path: `${segments}/${segmentId}`, params }, 409);
    await call("DeleteMeasure", measureRoute.DELETE, { method: "DELETE", path: `${measures}/${measureId}`, params: measureParams }, 204);
    await call("GetMeasure", measureRoute.GET, { path: `${measures}/${measureId}`, params: measureParams }, 404);
    await call("DeleteSegment", segmentRoute.DELETE, { method: "DELETE", path: `${segments}/${segmentId}`, params }, 204);
  });

  it("full refresh: start, run, read, list, cancel, and its schedule", async () => {
    const started = await call("StartFullRefresh", refreshJobsRoute.POST, { method: "POST", path: `${base}/refresh-jobs`, params: instanceParams }, 202);
    const jobId = started.json.job.id as string;
    // The loops that execute its data source refreshes and unification run.
    const loops = [startRefreshWorker({ pollMs: 50 }), startUnificationWorker(unificationEngine, { pollMs: 50 })];
    try {
      // Whatever its sources make of it, the job ends, with each task's status, counts and error.
      expect(["successful", "failed"]).toContain((await executeRefreshJob(jobId, taskRunners))?.status);
    } finally {
      await Promise.all(loops.map((loop) => loop.stop()));
    }
    const params = { ...instanceParams, jobId };
    await call("GetRefreshJob", refreshJobRoute.GET, { path: `${base}/refresh-jobs/${jobId}`, params }, 200);
    await call("ListRefreshJobs", refreshJobsRoute.GET, { path: `${base}/refresh-jobs?$top=5`, params: instanceParams }, 200);
    await call("CancelRefreshJob", cancelRefreshJobRoute.POST, { method: "POST", path: `${base}/refresh-jobs/${jobId}/cancel`, params }, 409);
    const next = await call("StartFullRefresh", refreshJobsRoute.POST, { method: "POST", path: `${base}/refresh-jobs`, params: instanceParams }, 202);
    const nextId = next.json.job.id as string;
    await call("CancelRefreshJob", cancelRefreshJobRoute.POST, { method: "POST", path: `${base}/refresh-jobs/${nextId}/cancel`, params: { ...instanceParams, jobId: nextId } }, 202);

    await call("GetRefreshSchedule", refreshScheduleRoute.GET, { path: `${base}/refresh-schedule`, params: instanceParams }, 200);
    const body = { enabled: true, cronExpressions: ["30 2 * * *", "0 */6 * * 1-5"], timeZone: "Europe/Madrid" };
    await call("UpdateRefreshSchedule", refreshScheduleRoute.PUT, { method: "PUT", path: `${base}/refresh-schedule`, params: instanceParams, body }, 200);
    await call("GetRefreshSchedule", refreshScheduleRoute.GET, { path: `${base}/refresh-schedule`, params: instanceParams }, 200);
  });
});
