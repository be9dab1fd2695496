import { z } from "zod";
import { MAX_UPLOAD_BYTES } from "../../datasources/schemas";
import { MAX_JSON_BODY_BYTES, type RouteDescriptor } from "../define-route";
import { type Params, type RouteFile, paramValue } from "./route-files";

// The malformed inputs the API contract test (in process) and the HTTP sweep (e2e, against the
// production server) both send, derived from each route's own declarations where they depend
// on it (which query keys are numbers, which body fields are strings…).

/** A well-formed id that names nothing. */
export const UNKNOWN_ID = "zz-unknown-0000";

/** Path parameter values no id may take. The empty one only in process: over HTTP "//" is a redirect, not a value. */
export const malformedParamValues = ["../x", "x".repeat(300), "a b", "%2e%2e%2fetc", "<script>", "\u0000", ""];

/** Percent-escapes that do not decode to text: bad hex, a cut-off UTF-8 sequence, an encoded lone surrogate, a bare %. */
export const undecodableEscapes = ["%ZZ", "%E0%A4", "%ED%A0%80", "%"];

/** The given instance, so instance scoping passes, and unknown (well-formed) ids for the rest. */
export const scopedParams = (route: RouteFile, instanceId: string): Params =>
  Object.fromEntries(route.dynamic.map((s) => [s.name, paramValue(s, s.name === "instanceId" ? instanceId : UNKNOWN_ID)]));

/** One parameter malformed at a time, the others as in scopedParams. */
export const malformedParamSets = (route: RouteFile, instanceId: string, values = malformedParamValues): Params[] =>
  route.dynamic.flatMap((target) =>
    values.map((bad) => ({ ...scopedParams(route, instanceId), [target.name]: paramValue(target, bad) })),
  );

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; enum?: unknown[]; oneOf?: JsonSchema[]; anyOf?: JsonSchema[] };

/** The properties of an object schema, or of every arm of a union of them (a body per trigger type). */
const propertiesOf = (schema: JsonSchema | undefined): Record<string, JsonSchema> | undefined => {
  const arms = schema?.oneOf ?? schema?.anyOf;
  return arms ? Object.assign({}, ...arms.map((arm) => arm.properties ?? {})) : schema?.properties;
};

const toJsonSchema = (schema: z.ZodType | undefined): JsonSchema | undefined => {
  if (!schema) return undefined;
  try {
    return z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }) as JsonSchema;
  } catch {
    return undefined;
  }
};

/** A value of the wrong type for a property: a number where a string is expected, and so on. */
const wrongValueFor = (property: JsonSchema): unknown => {
  const type = Array.isArray(property.type) ? property.type[0] : property.type;
  if (property.enum) return { notOneOf: property.enum.slice(0, 1) };
  switch (type) {
    case "string":
      return 12345;
    case "number":
    case "integer":
      return "not a number";
    case "boolean":
      return "yes";
    case "array":
      return { notAnArray: true };
    case "object":
      return 12345;
    default:
      return [[{ unexpected: true }]];
  }
};

const wrongTypesBody = (descriptor: RouteDescriptor): Record<string, unknown> => {
  const properties = propertiesOf(toJsonSchema(descriptor.bodySchema));
  if (properties && Object.keys(properties).length > 0) {
    return Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, wrongValueFor(property)]));
  }
  return { id: 12345, name: 12345, type: { unexpected: true }, displayName: false, parameters: "x", callbackUrl: 3 };
};

/**
 * Query strings with a value that cannot satisfy the declared type, when the route declares a
 * typed query; undecodable escapes in a number included.
 */
export const badQueries = (descriptor: RouteDescriptor): string[] => {
  const properties = toJsonSchema(descriptor.query)?.properties ?? {};
  const queries: string[] = [];
  for (const [key, property] of Object.entries(properties)) {
    const name = encodeURIComponent(key);
    const type = Array.isArray(property.type) ? property.type[0] : property.type;
    if (property.enum) queries.push(`${name}=%00not-an-option`);
    else if (type === "number" || type === "integer") {
      queries.push(`${name}=not-a-number`, `${name}=-99999999999`, `${name}=1e999`, `${name}=%ZZ`, `${name}=%E0%A4`);
    } else if (type === "boolean") queries.push(`${name}=perhaps`);
  }
  return queries;
};

export type BadBody = { label: string; body: string; contentType?: string };

/** Bodies a route that reads one must refuse with a 4xx: JSON routes and raw uploads alike. */
export const badBodies = (descriptor: RouteDescriptor): BadBody[] => {
  const asJson = "application/json";
  const bodies: BadBody[] = [
    { label: "malformed JSON", body: '{"displayName": "x",', contentType: asJson },
    { label: "form content type", body: "displayName=x", contentType: "application/x-www-form-urlencoded" },
    { label: "no content type", body: JSON.stringify({ displayName: "x" }) },
    { label: "broken multipart", body: "--x\r\nnot a part", contentType: "multipart/form-data; boundary=x" },
    { label: "empty body", body: "", contentType: asJson },
    { label: "JSON array", body: JSON.stringify([{ displayName: "x" }]), contentType: asJson },
    { label: "JSON null", body: "null", contentType: asJson },
    { label: "JSON string", body: JSON.stringify("hello"), contentType: asJson },
    { label: "object of wrong types", body: JSON.stringify(wrongTypesBody(descriptor)), contentType: asJson },
    { label: "oversized JSON", body: `{"x":"${"a".repeat(MAX_JSON_BODY_BYTES + 10)}"}`, contentType: asJson },
  ];
  // A JSON route must refuse a text body; a raw (upload) route accepts text/csv, so for it the
  // text case is an empty file and an oversized one.
  if (descriptor.body === "raw") {
    bodies.push(
      { label: "empty CSV", body: "", contentType: "text/csv" },
      { label: "oversized CSV", body: "a\n".repeat(MAX_UPLOAD_BYTES / 2 + 1), contentType: "text/csv" },
    );
  } else {
    bodies.push({ label: "wrong content type", body: JSON.stringify({ displayName: "x" }), contentType: "text/plain" });
  }
  return bodies;
};
