import { z } from "zod";
import type { Operation } from "../operation";
import { ZErrorBody, codesByStatus } from "./error-body";
import { errorStatusesOf } from "./error-statuses";

type JsonObject = Record<string, unknown>;

const statusText: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No content",
  400: "Bad request",
  401: "Unauthorized: no token, or one that is invalid or expired",
  403: "Forbidden: the caller's role is too low",
  404: "Not found",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Unprocessable: the request failed validation",
  429: "Too many requests: a Power Automate connection (a token issued to the connector's client, per user) may make 100 calls per 60 seconds; retry after the Retry-After header's seconds",
  500: "Internal error",
  503: "Unavailable: retry after the Retry-After header's seconds",
};

/**
 * Converts zod schemas to JSON Schema 2020-12 (OpenAPI 3.1's dialect) and collects every schema
 * given an `id` (`.meta({ id })`) under components/schemas, so a shape used by many operations is
 * published once. The same id converted two different ways (say a schema with defaults, used as
 * a request and a response) would be two shapes under one name: that fails loudly.
 */
class SchemaCollector {
  readonly components: Record<string, JsonObject> = {};

  convert(schema: z.ZodType, io: "input" | "output"): JsonObject {
    const converted = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonObject;
    const { $schema: _dialect, $defs, ...rest } = converted;
    // A schema with an id comes back as a $ref to its own definition, like any it contains.
    for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, JsonObject>)) this.add(id, definition);
    return rewriteRefs(rest) as JsonObject;
  }

  private add(id: string, definition: JsonObject) {
    const rewritten = rewriteRefs(definition) as JsonObject;
    const existing = this.components[id];
    if (existing && JSON.stringify(existing) !== JSON.stringify(rewritten)) {
      throw new Error(`Schema "${id}" converts to two different shapes (as input and as output?); give one of them another id.`);
    }
    this.components[id] = rewritten;
  }
}

const rewriteRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) =>
      key === "$ref" && typeof inner === "string" ? [key, inner.replace(/^#\/\$defs\//, "#/components/schemas/")] : [key, rewriteRefs(inner)],
    ),
  );
};

/** Path or query parameters from an object schema: one parameter per property. */
const parametersOf = (collector: SchemaCollector, schema: z.ZodType | undefined, location: "path" | "query"): JsonObject[] => {
  if (!schema) return [];
  const converted = collector.convert(schema, "input");
  const properties = (converted.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((converted.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: propertySchema,
    };
  });
};

// Statuses whose answer always says when to try again.
const retryAfterHeader = {
  "Retry-After": { description: "Seconds to wait before calling again.", schema: { type: "integer", minimum: 1 } },
};

const errorResponse = (status: number): JsonObject => ({
  description: `${statusText[status] ?? "Error"}. Codes: ${codesByStatus(status).join(", ")}.`,
  ...(status === 429 ? { headers: retryAfterHeader } : {}),
  content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } },
});

const operationObject = (collector: SchemaCollector, operation: Operation): JsonObject => {
  const responses: Record<string, JsonObject> = {};
  for (const [status, schema] of Object.entries(operation.responses)) {
    responses[status] = schema
      ? { description: statusText[Number(status)] ?? "Success", content: { "application/json": { schema: collector.convert(schema, "output") } } }
      : (operation.rawResponse ?? { description: statusText[Number(status)] ?? "Success" });
  }
  for (const status of errorStatusesOf(operation)) responses[String(status)] = errorResponse(status);

  const body = operation.body;
  const requestBody =
    body === "raw"
      ? operation.rawBody && { required: true, ...operation.rawBody }
      : body && { required: true, content: { "application/json": { schema: collector.convert(body, "input") } } };
  const roleNote = operation.role === "Public" ? "No token needed." : `Needs the ${operation.role} role or higher.`;

  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: operation.description ? `${operation.description}\n\n${roleNote}` : roleNote,
    tags: [...operation.tags],
    ...(operation.role === "Public" ? { security: [] } : {}),
    "x-required-role": operation.role,
    parameters: [...parametersOf(collector, operation.params, "path"), ...parametersOf(collector, operation.query, "query")],
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
};

/** The OpenAPI 3.1 document of the given operations, generated from their zod schemas. */
export const buildOpenApiDocument = (operations: readonly Operation[]): JsonObject => {
  const collector = new SchemaCollector();
  collector.convert(ZErrorBody, "output");
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const operation of operations) {
    const item = (paths[operation.path] ??= {});
    const method = operation.method.toLowerCase();
    if (item[method]) throw new Error(`Two operations for ${operation.method} ${operation.path}.`);
    item[method] = operationObject(collector, operation);
  }
  const tags = [...new Set(operations.flatMap((o) => o.tags))].map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info: {
      title: "Audience Insights API",
      version: "1.0.0",
      description:
        "Data sources, unification and customer profiles, and the triggers that call your flows and webhooks. Every operation but this document's needs a bearer token (a JWT from the app's sign-in: the embedded OpenID provider or Microsoft Entra ID).",
    },
    tags,
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "An access token from the app's identity provider." },
      },
      schemas: collector.components,
    },
  };
};
