import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv04 from "ajv-draft-04";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { connectorAuthOf } from "./connector-auth";
import type { AuthConfig } from "../auth/auth-config";
import { apiOperations } from "../api/operations";
import { buildApiDefinition } from "./build-api-definition";
import { buildApiProperties } from "./build-api-properties";
import { parseJsonc } from "./jsonc";

// The connector Power Platform imports: valid against the official schemas (the CI clone has
// ../shared beside the repository; CONNECTOR_SCHEMAS_DIR points elsewhere), every parameter and
// output field titled and described, every dropdown fed by an operation that exists.

const repoRoot = path.resolve(import.meta.dirname, "../..");
const schemasDir = process.env.CONNECTOR_SCHEMAS_DIR ?? path.resolve(repoRoot, "../shared/reference/power-platform");
const readSchema = (name: string) => parseJsonc(readFileSync(path.join(schemasDir, name), "utf8")) as Record<string, unknown>;

type Json = Record<string, any>;

const entra: AuthConfig = {
  mode: "entra",
  issuer: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0",
  issuerPerTenant: false,
  jwksUri: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/discovery/v2.0/keys",
  audience: "api://audience-insights-prod",
  acceptedAudiences: ["api://audience-insights-prod"],
  scope: "api://audience-insights-prod/access_as_user",
  spaClientId: "aaaaaaaa-0000-0000-0000-000000000001",
  authority: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555",
  knownAuthorities: ["login.microsoftonline.com"],
  connectorClientIds: ["cccccccc-0000-0000-0000-000000000002"],
};
const embedded: AuthConfig = {
  ...entra,
  mode: "embedded",
  issuer: "https://localhost:3443",
  audience: "api://audience-insights",
  scope: "api://audience-insights/access_as_user",
  authority: "https://localhost:3443",
  connectorClientIds: ["audience-insights-connector"],
};

const definitionFor = (config: AuthConfig) =>
  buildApiDefinition(apiOperations, { publicUrl: "https://insights.example.com/", auth: connectorAuthOf(config) }) as Json;

const triggerIds = [
  "OnDataSourceRefreshFailed",
  "OnDataSourceRefreshSucceeded",
  "OnSegmentThresholdCrossed",
  "OnMeasureThresholdCrossed",
  "OnFullRefreshCompleted",
  "OnUnificationCompleted",
];
const actionIds = [
  "ListInstances",
  "ListDataSources",
  "ListSegments",
  "ListMeasures",
  "GetSegment",
  "GetMeasure",
  "StartDataSourceRefresh",
  "StartFullRefresh",
  "GetRefreshJob",
  "ListCustomerProfiles",
  "GetCustomerProfile",
];

const operationsOf = (definition: Json) =>
  Object.entries(definition.paths as Record<string, Json>).flatMap(([pathKey, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map(([method, operation]) => ({ path: pathKey, method, item, operation: operation as Json })),
  );

/** Every property of a schema, all the way down, with where it is. */
const propertiesOf = (schema: Json, where: string): Array<{ where: string; property: Json }> => {
  const found: Array<{ where: string; property: Json }> = [];
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
    found.push({ where: `${where}.${name}`, property }, ...propertiesOf(property, `${where}.${name}`));
  }
  if (schema.items) found.push(...propertiesOf(schema.items, `${where}[]`));
  if (schema.additionalProperties && typeof schema.additionalProperties === "object") found.push(...propertiesOf(schema.additionalProperties, `${where}{}`));
  return found;
};

describe("the operations in the connector", () => {
  it("declare every path, query and body parameter they take, and nothing else", () => {
    const definition = definitionFor(entra);
    for (const operation of apiOperations.filter((o) => o.connector)) {
      const found = operationsOf(definition).find((o) => o.operation.operationId === operation.operationId)!.operation;
      const taken = (found.parameters as Json[]).flatMap((p) =>
        p.in === "body" ? Object.entries(p.schema.properties as Record<string, Json>).flatMap(([name, property]) => [name, ...Object.keys(property.properties ?? {}).map((inner) => `${name}.${inner}`)]) : [p.name],
      );
      expect(Object.keys(operation.connector!.parameters).sort(), operation.operationId).toEqual(taken.sort());
    }
  });
});

describe.each([
  ["Microsoft Entra ID", entra],
  ["the embedded provider", embedded],
])("the connector, signing in with %s", (_name, config) => {
  const definition = definitionFor(config);
  const properties = buildApiProperties(connectorAuthOf(config));

  it("validates against the official apiDefinition schema (draft-04)", () => {
    const ajv = new Ajv04({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(readSchema("apiDefinition.swagger.schema.json"));
    const valid = validate(definition);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toEqual([]);
    expect(valid).toBe(true);
  });

  it("validates against paconn's apiProperties schema (draft-07)", () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    // Its root names itself with draft-04's `id`, which a draft-07 validator refuses: the name is all it is.
    const { id: _name, ...schema } = readSchema("paconn-apiProperties.schema.json");
    const validate = ajv.compile(schema);
    const valid = validate(properties);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toEqual([]);
    expect(valid).toBe(true);
  });

  it("has the public URL's host and scheme, and OAuth 2 from the identity settings", () => {
    expect(definition.host).toBe("insights.example.com");
    expect(definition.basePath).toBe("/api/v1");
    expect(definition.schemes).toEqual(["https"]);
    expect(definition.securityDefinitions.oauth2_auth).toMatchObject({ type: "oauth2", flow: "accessCode", scopes: { [config.scope]: expect.any(String) } });
    const oauth = properties.properties.connectionParameters.token;
    expect(oauth.type).toBe("oauthSetting");
    if (config.mode === "entra") {
      expect(oauth.oAuthSettings).toMatchObject({
        identityProvider: "aad",
        clientId: "cccccccc-0000-0000-0000-000000000002",
        scopes: [config.scope],
        customParameters: { resourceUri: { value: config.audience }, tenantId: { value: "11111111-2222-3333-4444-555555555555" } },
      });
    } else {
      expect(oauth.oAuthSettings).toMatchObject({ identityProvider: "oauth2", clientId: "audience-insights-connector", customParameters: { tokenUrl: { value: "https://localhost:3443/token" } } });
      expect(definition.info.description).toContain("configure Microsoft Entra ID");
    }
  });

  it("declares the six webhook triggers as Power Automate expects them", () => {
    const operations = operationsOf(definition);
    for (const operationId of triggerIds) {
      const found = operations.find((o) => o.operation.operationId === operationId);
      expect(found, operationId).toBeDefined();
      const { method, item, operation } = found!;
      expect(method, operationId).toBe("post");
      expect(operation["x-ms-trigger"], operationId).toBe("single");
      expect(operation.summary, operationId).toMatch(/^When an? /);
      expect(operation["x-ms-trigger-hint"], operationId).toEqual(expect.any(String));
      expect(operation.responses["201"].headers.Location, operationId).toBeDefined();
      const body = operation.parameters.find((p: Json) => p.in === "body");
      expect(body.schema.properties.callbackUrl, operationId).toMatchObject({ "x-ms-notification-url": true, "x-ms-visibility": "internal" });
      const content = item["x-ms-notification-content"];
      expect(content.schema.properties.data.properties, operationId).toBeDefined();
      expect(content.schema.properties.type.enum, operationId).toHaveLength(1);
    }
    const unsubscribe = operations.find((o) => o.operation.operationId === "DeleteSubscription")!;
    expect(unsubscribe.method).toBe("delete");
    expect(unsubscribe.operation["x-ms-visibility"]).toBe("internal");
  });

  it("exposes exactly the actions, the triggers and the unsubscribe", () => {
    const ids = operationsOf(definition).map((o) => o.operation.operationId).sort();
    expect(ids).toEqual([...actionIds, ...triggerIds, "DeleteSubscription"].sort());
    const profiles = operationsOf(definition).find((o) => o.operation.operationId === "ListCustomerProfiles")!.operation;
    expect(profiles.parameters.map((p: Json) => p.name)).toEqual(expect.arrayContaining(["$top", "$skip", "search"]));
  });

  it("titles and describes every parameter and every output field", () => {
    const missing: string[] = [];
    const check = (where: string, thing: Json) => {
      if (typeof thing["x-ms-summary"] !== "string" || !thing["x-ms-summary"]) missing.push(`${where}: x-ms-summary`);
      if (typeof thing.description !== "string" || !thing.description) missing.push(`${where}: description`);
    };
    for (const { path: p, method, item, operation } of operationsOf(definition)) {
      const at = `${operation.operationId} (${method} ${p})`;
      for (const parameter of operation.parameters as Json[]) {
        check(`${at} parameter ${parameter.name}`, parameter);
        if (parameter.schema) for (const { where, property } of propertiesOf(parameter.schema, `${at} body`)) check(where, property);
      }
      for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
        if (response.schema) for (const { where, property } of propertiesOf(response.schema, `${at} ${status}`)) check(where, property);
      }
      if (item["x-ms-notification-content"]) {
        for (const { where, property } of propertiesOf(item["x-ms-notification-content"].schema, `${at} event`)) check(where, property);
      }
    }
    expect(missing).toEqual([]);
  });

  it("fills every dropdown from an operation of the connector, passing parameters it has", () => {
    const operations = operationsOf(definition);
    const ids = new Set(operations.map((o) => o.operation.operationId));
    const dropdowns: Array<{ where: string; values: Json; parameterNames: string[] }> = [];
    for (const { operation } of operations) {
      const names = (operation.parameters as Json[]).map((p) => p.name as string);
      for (const parameter of operation.parameters as Json[]) {
        if (parameter["x-ms-dynamic-values"]) dropdowns.push({ where: `${operation.operationId}.${parameter.name}`, values: parameter["x-ms-dynamic-values"], parameterNames: names });
        if (parameter.schema) {
          for (const { where, property } of propertiesOf(parameter.schema, operation.operationId)) {
            if (property["x-ms-dynamic-values"]) dropdowns.push({ where, values: property["x-ms-dynamic-values"], parameterNames: names });
          }
        }
      }
    }
    expect(dropdowns.length).toBeGreaterThanOrEqual(6 + 8);
    for (const { where, values, parameterNames } of dropdowns) {
      expect(ids.has(values.operationId), `${where}: ${values.operationId}`).toBe(true);
      const source = operations.find((o) => o.operation.operationId === values.operationId)!.operation;
      const list = source.responses["200"].schema.properties[values["value-collection"]];
      expect(list?.type, `${where}: ${values["value-collection"]}`).toBe("array");
      expect(list.items.properties[values["value-path"]], `${where}: value-path`).toBeDefined();
      expect(list.items.properties[values["value-title"]], `${where}: value-title`).toBeDefined();
      for (const [name, reference] of Object.entries((values.parameters ?? {}) as Record<string, Json>)) {
        expect(parameterNames, `${where}: passes ${name}`).toContain(reference.parameter);
      }
    }
  });
});
