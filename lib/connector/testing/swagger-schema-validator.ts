import Ajv04 from "ajv-draft-04";

// Validates a value against a Swagger 2.0 schema object (the connector's response and notification
// schemas). Swagger 2.0 schemas are draft-04 JSON Schema with extensions: `x-nullable: true` says
// null is allowed too, which draft-04 spells as a type list (and a null in an enum); the other `x-`
// keys (x-ms-summary, x-ms-visibility, …) and Swagger's annotations describe, never constrain, so
// they are dropped. Anything else draft-04 does not know fails loudly (Ajv's strict mode) rather
// than being skipped: a schema the validator cannot read is not a schema it has checked.

type Json = Record<string, any>;

const annotations = new Set(["example", "readOnly", "xml", "externalDocs"]);
const subschemaMaps = new Set(["properties", "patternProperties", "definitions"]);
const subschemaLists = new Set(["allOf", "anyOf", "oneOf"]);
const subschemas = new Set(["items", "additionalProperties", "not"]);

/** The draft-04 schema a Swagger 2.0 schema means. */
export const toDraft04 = (schema: Json): Json => {
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "discriminator") throw new Error("Swagger's discriminator has no draft-04 meaning; validate such a schema another way.");
    if (key.startsWith("x-") || annotations.has(key)) continue;
    if (subschemaMaps.has(key)) out[key] = Object.fromEntries(Object.entries(value as Json).map(([name, sub]) => [name, toDraft04(sub as Json)]));
    else if (subschemaLists.has(key)) out[key] = (value as Json[]).map(toDraft04);
    else if (subschemas.has(key) && typeof value === "object" && value !== null) out[key] = Array.isArray(value) ? value.map(toDraft04) : toDraft04(value);
    else out[key] = value;
  }
  if (schema["x-nullable"] === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
};

export const swaggerSchemaValidator = () => {
  const ajv = new Ajv04({ strict: true, allErrors: true });
  const compiled = new WeakMap<Json, ReturnType<typeof ajv.compile>>();
  return {
    /** What is wrong with `value` against the Swagger schema, one line per error; empty when it conforms. */
    problems: (schema: Json, value: unknown): string[] => {
      let validate = compiled.get(schema);
      if (!validate) {
        validate = ajv.compile(toDraft04(schema));
        compiled.set(schema, validate);
      }
      if (validate(value)) return [];
      return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? "is invalid"} ${JSON.stringify(error.params)}`);
    },
  };
};
