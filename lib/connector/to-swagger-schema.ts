import { z } from "zod";

// zod → a Swagger 2.0 schema object, which Power Platform reads. zod converts to OpenAPI 3.0's
// dialect (nullable, enum for const), then what Swagger 2.0 cannot say is rewritten:
//  - `nullable: true` → `x-nullable: true` (the vendor extension AutoRest and Power Automate read);
//  - `anyOf` / `oneOf` (unions; Swagger 2.0 has neither) → one schema that accepts every arm:
//    objects merge their properties (required only where every arm requires it, a property's
//    enums joined), primitives of one type join their enums, mixed types become "any type" (no
//    `type`) and the description names them. Nothing the app sends is refused by the result;
//    what is lost is which combinations go together, which the description keeps in words;
//  - `$ref`s to the converted `definitions` are inlined (none is recursive), so each property can
//    carry its own x-ms-summary;
//  - keys Swagger 2.0's schema object does not have (`propertyNames`, …) are dropped, and so are
//    the ±2^53 bounds zod puts on every integer.

type Json = Record<string, unknown>;

const SAFE_BOUND = Number.MAX_SAFE_INTEGER;

/** Keys of Swagger 2.0's schema object (plus vendor extensions), the ones kept. */
const allowedKeys = new Set([
  "format",
  "title",
  "description",
  "default",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "maxItems",
  "minItems",
  "uniqueItems",
  "maxProperties",
  "minProperties",
  "required",
  "enum",
  "additionalProperties",
  "type",
  "items",
  "allOf",
  "properties",
  "readOnly",
]);

const typeNames: Record<string, string> = { string: "text", number: "a number", integer: "an integer", boolean: "true or false", object: "an object", array: "a list" };

const inline = (value: unknown, definitions: Record<string, unknown>, seen: string[] = []): unknown => {
  if (Array.isArray(value)) return value.map((item) => inline(item, definitions, seen));
  if (!value || typeof value !== "object") return value;
  const object = value as Json;
  if (typeof object.$ref === "string") {
    const name = object.$ref.replace(/^#\/definitions\//, "");
    if (seen.includes(name)) throw new Error(`Schema "${name}" is recursive; the connector inlines every schema.`);
    const { $ref: _ref, ...siblings } = object;
    return { ...(inline(definitions[name], definitions, [...seen, name]) as Json), ...(inline(siblings, definitions, seen) as Json) };
  }
  return Object.fromEntries(Object.entries(object).filter(([key]) => key !== "definitions").map(([key, inner]) => [key, inline(inner, definitions, seen)]));
};

const union = <T>(lists: T[][]): T[] => [...new Set(lists.flat())];

/** One schema that accepts every arm of a union (see the file's comment). */
const mergeArms = (arms: Json[]): Json => {
  const flat = arms.flatMap((arm) => (Array.isArray(arm.anyOf ?? arm.oneOf) ? ((arm.anyOf ?? arm.oneOf) as Json[]).map(mergeUnion) : [arm]));
  const nullable = flat.some((arm) => arm.nullable === true);
  const types = [...new Set(flat.map((arm) => arm.type as string | undefined))];
  let merged: Json;
  if (types.length === 1 && types[0] === "object") {
    const properties: Record<string, Json[]> = {};
    for (const arm of flat) for (const [name, schema] of Object.entries((arm.properties ?? {}) as Record<string, Json>)) (properties[name] ??= []).push(schema);
    const required = flat.map((arm) => (arm.required ?? []) as string[]).reduce((a, b) => a.filter((name) => b.includes(name)));
    merged = {
      type: "object",
      properties: Object.fromEntries(Object.entries(properties).map(([name, schemas]) => [name, schemas.length === 1 ? schemas[0]! : mergeArms(schemas)])),
      ...(required.length > 0 ? { required } : {}),
    };
  } else if (types.length === 1 && types[0] !== undefined) {
    const enums = flat.every((arm) => Array.isArray(arm.enum)) ? { enum: union(flat.map((arm) => arm.enum as unknown[])) } : {};
    merged = { type: types[0], ...enums, ...(types[0] === "array" ? { items: mergeArms(flat.map((arm) => (arm.items ?? {}) as Json)) } : {}) };
  } else {
    const names = types.map((type) => (type ? (typeNames[type] ?? type) : "any value"));
    merged = { description: `One of: ${names.join(", ")}.` };
  }
  const description = flat.map((arm) => arm.description).find((text) => typeof text === "string");
  return { ...merged, ...(description ? { description } : {}), ...(nullable ? { nullable: true } : {}) };
};

const mergeUnion = (schema: Json): Json => {
  const arms = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (!arms) return schema;
  const { anyOf: _a, oneOf: _o, ...rest } = schema;
  return { ...mergeArms(arms), ...rest };
};

const toSwagger2 = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toSwagger2);
  if (!value || typeof value !== "object") return value;
  const schema = mergeUnion(value as Json);
  const out: Json = {};
  for (const [key, inner] of Object.entries(schema)) {
    if (key === "nullable") {
      if (inner === true) out["x-nullable"] = true;
    } else if ((key === "minimum" && inner === -SAFE_BOUND) || (key === "maximum" && inner === SAFE_BOUND)) {
      continue;
    } else if (key === "properties") {
      out.properties = Object.fromEntries(Object.entries(inner as Json).map(([name, property]) => [name, toSwagger2(property)]));
    } else if (key === "items" || key === "additionalProperties" || key === "allOf") {
      out[key] = typeof inner === "boolean" ? inner : toSwagger2(inner);
    } else if (allowedKeys.has(key) || key.startsWith("x-")) {
      out[key] = inner;
    }
  }
  // An object whose properties are open (a record of attributes): "any value" items need no type.
  if (out.additionalProperties && typeof out.additionalProperties === "object" && Object.keys(out.additionalProperties).length === 0) out.additionalProperties = true;
  return out;
};

/** The Swagger 2.0 schema of a zod schema, as a request (`input`: defaults make fields optional) or a response (`output`). */
export const toSwaggerSchema = (schema: z.ZodType, io: "input" | "output"): Json => {
  const converted = z.toJSONSchema(schema, { target: "openapi-3.0", io, unrepresentable: "any" }) as Json;
  const { $schema: _dialect, definitions = {}, ...root } = converted;
  return toSwagger2(inline(root, definitions as Record<string, unknown>)) as Json;
};
