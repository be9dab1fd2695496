import type { ConnectorParameter, Operation } from "../api/operation";
import { ZErrorBody } from "../api/openapi/error-body";
import { annotateSchema, dynamicValuesOf, titleOf } from "./annotate-schema";
import type { ConnectorAuth } from "./connector-auth";
import { connectorInfo } from "./connector-info";
import { toSwaggerSchema } from "./to-swagger-schema";

// The Power Platform custom connector's definition (apiDefinition.swagger.json, Swagger 2.0),
// generated from the same operations as the REST API and its OpenAPI document: the operations
// with a `connector` block (lib/api/operations/), their zod schemas converted by
// to-swagger-schema.ts, the triggers' event bodies from the trigger types (lib/events/event-schema.ts).

type Json = Record<string, unknown>;

const API_BASE = "/api/v1";
export const SECURITY_NAME = "oauth2_auth";

const statusText: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted", 204: "No content" };

/** Path and query parameters: primitives, one per property of the operation's schema. */
const simpleParameters = (operation: Operation, location: "path" | "query"): Json[] => {
  const schema = location === "path" ? operation.params : operation.query;
  if (!schema) return [];
  const converted = toSwaggerSchema(schema, "input");
  const required = new Set((converted.required ?? []) as string[]);
  return Object.entries((converted.properties ?? {}) as Record<string, Json>).map(([name, property]) => {
    const declared: ConnectorParameter | undefined = operation.connector?.parameters[name];
    const { description: own, "x-nullable": _nullable, additionalProperties: _open, ...rest } = property;
    return {
      name,
      in: location,
      required: location === "path" || required.has(name),
      ...rest,
      type: rest.type ?? "string",
      "x-ms-summary": declared?.summary ?? titleOf(name),
      description: declared?.description ?? own ?? titleOf(name),
      ...(declared?.visibility ? { "x-ms-visibility": declared.visibility } : {}),
      ...(declared?.dynamicValues ? { "x-ms-dynamic-values": dynamicValuesOf(declared) } : {}),
    };
  });
};

const bodyParameter = (operation: Operation): Json[] => {
  if (!operation.body || operation.body === "raw") return [];
  const schema = annotateSchema(toSwaggerSchema(operation.body, "input"), operation.connector?.parameters);
  return [{ name: "body", in: "body", required: true, "x-ms-summary": "Body", description: "The request's JSON body.", schema }];
};

const responsesOf = (operation: Operation): Json => {
  const responses: Json = {};
  for (const [status, schema] of Object.entries(operation.responses)) {
    const description = statusText[Number(status)] ?? "Success";
    if (operation.connector?.trigger && status === "201") {
      // Power Automate reads a subscribe's Location, not its body; the trigger's outputs are the notification content.
      responses[status] = {
        description: "Subscribed",
        headers: { Location: { type: "string", description: "The subscription's address, which Power Automate DELETEs to unsubscribe." } },
      };
      continue;
    }
    responses[status] = schema ? { description, schema: annotateSchema(toSwaggerSchema(schema, "output")) } : { description };
  }
  responses.default = { description: "Error", schema: annotateSchema(toSwaggerSchema(ZErrorBody, "output")) };
  return responses;
};

const operationObject = (operation: Operation): Json => {
  const connector = operation.connector!;
  const summary = connector.summary ?? operation.summary;
  return {
    operationId: operation.operationId,
    summary,
    description: connector.description ?? operation.description ?? summary,
    "x-ms-visibility": connector.visibility,
    ...(connector.trigger ? { "x-ms-trigger": "single", "x-ms-trigger-hint": connector.trigger.hint } : {}),
    parameters: [...simpleParameters(operation, "path"), ...simpleParameters(operation, "query"), ...bodyParameter(operation)],
    responses: responsesOf(operation),
  };
};

export type ApiDefinitionOptions = { publicUrl: string; auth: ConnectorAuth };

/** apiDefinition.swagger.json for this server (its public URL and identity provider). */
export const buildApiDefinition = (operations: readonly Operation[], { publicUrl, auth }: ApiDefinitionOptions): Json => {
  const url = new URL(publicUrl);
  const paths: Record<string, Json> = {};
  for (const operation of operations.filter((o) => o.connector)) {
    if (!operation.path.startsWith(`${API_BASE}/`)) throw new Error(`${operation.operationId}: the connector serves ${API_BASE} only.`);
    const item = (paths[operation.path.slice(API_BASE.length)] ??= {});
    item[operation.method.toLowerCase()] = operationObject(operation);
    const trigger = operation.connector!.trigger;
    if (trigger) {
      item["x-ms-notification-content"] = {
        description: trigger.notification.description,
        schema: annotateSchema(toSwaggerSchema(trigger.notification.schema, "output")),
      };
    }
  }
  return {
    swagger: "2.0",
    info: {
      title: connectorInfo.title,
      description: `${connectorInfo.description} ${auth.note}`,
      version: connectorInfo.version,
      contact: { name: connectorInfo.publisher, url: url.origin },
    },
    host: url.host,
    basePath: `${url.pathname.replace(/\/+$/, "")}${API_BASE}`,
    schemes: [url.protocol.replace(/:$/, "")],
    consumes: ["application/json"],
    produces: ["application/json"],
    paths,
    definitions: {},
    parameters: {},
    responses: {},
    securityDefinitions: {
      [SECURITY_NAME]: {
        type: "oauth2",
        flow: "accessCode",
        authorizationUrl: auth.authorizationUrl,
        tokenUrl: auth.tokenUrl,
        scopes: { [auth.scope]: "Use Audience Insights as the signed-in user." },
      },
    },
    security: [{ [SECURITY_NAME]: [auth.scope] }],
    tags: [],
    "x-ms-connector-metadata": [
      { propertyName: "Website", propertyValue: url.origin },
      { propertyName: "Categories", propertyValue: "Data;Marketing" },
    ],
  };
};
