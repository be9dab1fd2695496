import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { apiOperations } from "../operations";
import { buildOpenApiDocument } from "./build-document";

type Doc = {
  paths: Record<string, Record<string, { operationId: string; security?: unknown[]; parameters: Array<{ name: string; in: string }>; requestBody?: unknown; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
};

const document = buildOpenApiDocument(apiOperations) as unknown as Doc;
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ path, method: method.toUpperCase(), ...operation })),
);

/** The API's own description and the connector built from it: no token, no tenant's data. */
const publicOperationIds = ["GetOpenApiDocument", "GetConnectorDefinition", "GetConnectorProperties", "GetConnectorPackage"];

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, JSON.stringify(result)).toBe(true);
    // And the validator does refuse a broken one, so the check above can fail.
    const broken = structuredClone(document) as unknown as Record<string, unknown>;
    delete broken.info;
    expect((await validate(broken as never)).valid).toBe(false);
    // The validator walks every schema: seconds for the whole document on a busy machine.
  }, 20_000);

  it("keeps its operationIds: clients call them, so one renamed or removed breaks them", () => {
    // Add a new operation's id here; never change or remove one.
    expect(operations.map((o) => o.operationId).sort()).toEqual(
      [
        "CreateDataSource",
        "CreateTriggerRegistration",
        "DeleteDataSource",
        "DeleteTriggerRegistration",
        "GetCustomerProfile",
        "GetDataSource",
        "GetDataSourceColumnSamples",
        "GetDataSourceRun",
        "GetOpenApiDocument",
        "GetTriggerRegistration",
        "GetUnificationConfig",
        "GetUnificationRun",
        "GetRefreshJob",
        "GetRefreshSchedule",
        "ListRefreshJobs",
        "StartFullRefresh",
        "CancelRefreshJob",
        "UpdateRefreshSchedule",
        "ListAuditActors",
        "ListAuditEntries",
        "ListCustomerProfiles",
        "ListDataSourceRuns",
        "ListDataSources",
        "ListInstances",
        "ListTriggerRegistrationDeliveries",
        "ListTriggerRegistrations",
        "ListUnificationRuns",
        "PauseTriggerRegistration",
        "ReplaceDataSourceContent",
        "ReplayDelivery",
        "ResumeTriggerRegistration",
        "StartDataSourceRefresh",
        "StartUnification",
        "TestFireTriggerDraft",
        "PreviewTriggerDraftMessage",
        "TestFireTriggerRegistration",
        "UpdateTriggerRegistration",
        "UpdateUnificationConfig",
        "ListDestinations",
        "CreateDestination",
        "GetDestination",
        "UpdateDestination",
        "DeleteDestination",
        "ListSegments",
        "CreateSegment",
        "GetSegment",
        "UpdateSegment",
        "DeleteSegment",
        "PreviewSegment",
        "ListSegmentMembers",
        "ListMeasures",
        "CreateMeasure",
        "GetMeasure",
        "UpdateMeasure",
        "DeleteMeasure",
        // Power Automate's subscriptions (the connector's triggers) and the connector's own description.
        "OnDataSourceRefreshFailed",
        "OnDataSourceRefreshSucceeded",
        "OnSegmentThresholdCrossed",
        "OnMeasureThresholdCrossed",
        "OnFullRefreshCompleted",
        "OnUnificationCompleted",
        "DeleteSubscription",
        "GetConnectorDefinition",
        "GetConnectorProperties",
        "GetConnectorPackage",
      ].sort(),
    );
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
  });

  it("documents every path parameter, and $top / $skip / search on ListCustomerProfiles", () => {
    for (const o of operations) {
      const inPath = [...o.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(o.parameters.filter((p) => p.in === "path").map((p) => p.name), o.operationId).toEqual(inPath);
    }
    const profiles = operations.find((o) => o.operationId === "ListCustomerProfiles")!;
    expect(profiles.parameters.filter((p) => p.in === "query").map((p) => p.name)).toEqual(["search", "$top", "$skip"]);
  });

  it("declares the connection rate limit (429 with Retry-After) on every operation that takes a token", () => {
    for (const o of operations) {
      const limited = o.responses["429"] as { headers?: Record<string, unknown>; description?: string } | undefined;
      if (publicOperationIds.includes(o.operationId as string)) {
        expect(limited, "public: no token, no connection").toBeUndefined();
        continue;
      }
      expect(limited?.headers, o.operationId).toHaveProperty("Retry-After");
      expect(limited?.description, o.operationId).toMatch(/100 calls per 60 seconds.*Codes: rate_limited\./);
    }
  });

  it("gives every operation its error body, with 415 and 422 where it takes a JSON body, 401 and 403 where it takes a token", () => {
    for (const o of operations) {
      const errors = Object.entries(o.responses).filter(([status]) => Number(status) >= 400);
      expect(errors.length, o.operationId).toBeGreaterThan(0);
      for (const [status, response] of errors) {
        expect(response.content?.["application/json"]?.schema, `${o.operationId} ${status}`).toEqual({ $ref: "#/components/schemas/ErrorBody" });
      }
      const statuses = Object.keys(o.responses);
      if (o.requestBody && (o.requestBody as { content: Record<string, unknown> }).content["application/json"]) {
        expect(statuses, o.operationId).toEqual(expect.arrayContaining(["400", "413", "415", "422"]));
      }
      if (publicOperationIds.includes(o.operationId as string)) {
        expect(o.security, "public: no token").toEqual([]);
        expect(statuses).not.toContain("401");
      } else {
        expect(o.security, `${o.operationId} uses the document's bearer scheme`).toBeUndefined();
        expect(statuses, o.operationId).toEqual(expect.arrayContaining(["401", "403"]));
      }
    }
  });

  it("publishes shared shapes once, under components/schemas, and refers to them", () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(["ErrorBody", "DataSource", "TriggerRegistration", "Delivery", "UnificationRun", "CustomerProfile"]),
    );
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(document.components.schemas, ref).toHaveProperty(ref.replace("#/components/schemas/", ""));
    }
  });
});
