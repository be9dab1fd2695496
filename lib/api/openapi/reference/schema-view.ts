// A JSON Schema of the OpenAPI document turned into a tree the API reference page renders as nested
// property lists. Plain data only: the page converts on the server and hands this to the client.

type JsonObject = Record<string, unknown>;

/** JSON Schema keywords shown as they are, next to a value's type (the schema's own vocabulary). */
const constraintKeywords = ["format", "minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems", "default"] as const;

export type Constraint = { keyword: (typeof constraintKeywords)[number]; value: string };

type Common = {
  /** The components/schemas name it came from, when it was a $ref. */
  name?: string;
  description?: string;
  /** Also accepts null (an anyOf/oneOf/type list with "null" in it). */
  nullable?: boolean;
  constraints: Constraint[];
};

export type SchemaView = Common &
  (
    | { kind: "object"; properties: PropertyView[]; additionalProperties?: SchemaView }
    | { kind: "array"; items: SchemaView }
    | { kind: "union"; variants: SchemaView[] }
    | { kind: "scalar"; type: string; enum?: string[] }
    | { kind: "any" }
    /** A $ref already being expanded above: named, not expanded again. */
    | { kind: "recursive" }
  );

export type PropertyView = { name: string; required: boolean; schema: SchemaView };

const isObject = (value: unknown): value is JsonObject => !!value && typeof value === "object" && !Array.isArray(value);

const componentName = (ref: string) => {
  const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
  if (!match?.[1]) throw new Error(`Unsupported $ref "${ref}": only #/components/schemas/… is resolved.`);
  return decodeURIComponent(match[1]);
};

const isNullSchema = (schema: unknown) => isObject(schema) && (schema.type === "null" || (schema.const === null && !("type" in schema)));

const constraintsOf = (schema: JsonObject): Constraint[] =>
  constraintKeywords.filter((keyword) => keyword in schema).map((keyword) => ({ keyword, value: JSON.stringify(schema[keyword]) }));

const literal = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/**
 * Converts one schema, resolving $refs against `components` (the document's components/schemas).
 * `expanding` holds the names being expanded on the way down, so a recursive shape stops.
 */
export const toSchemaView = (schema: unknown, components: Record<string, unknown>, expanding: readonly string[] = []): SchemaView => {
  if (!isObject(schema)) return { kind: "any", constraints: [] };
  const description = typeof schema.description === "string" ? schema.description : undefined;
  const withDescription = (view: SchemaView): SchemaView => (description ? { ...view, description } : view);

  if (typeof schema.$ref === "string") {
    const name = componentName(schema.$ref);
    if (expanding.includes(name)) return withDescription({ kind: "recursive", name, constraints: [] });
    const target = components[name];
    if (!isObject(target)) throw new Error(`$ref to "${name}", which components/schemas does not have.`);
    const resolved = toSchemaView(target, components, [...expanding, name]);
    return withDescription({ ...resolved, name });
  }

  const alternatives = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (alternatives) {
    const nullable = alternatives.some(isNullSchema);
    const rest = alternatives.filter((alternative) => !isNullSchema(alternative));
    const single = rest.length === 1 ? rest[0] : undefined;
    const view: SchemaView = single
      ? toSchemaView(single, components, expanding)
      : { kind: "union", variants: rest.map((alternative) => toSchemaView(alternative, components, expanding)), constraints: constraintsOf(schema) };
    return withDescription(nullable ? { ...view, nullable } : view);
  }

  const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : schema.type === undefined ? [] : [schema.type];
  const nullable = types.includes("null") || (Array.isArray(schema.enum) && schema.enum.includes(null));
  const type = types.find((t): t is string => typeof t === "string" && t !== "null");
  const common: Common = { constraints: constraintsOf(schema), ...(nullable ? { nullable } : {}) };

  if (type === "object" || isObject(schema.properties)) {
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const properties = Object.entries(isObject(schema.properties) ? schema.properties : {}).map(([name, property]) => ({
      name,
      required: required.has(name),
      schema: toSchemaView(property, components, expanding),
    }));
    const additional = isObject(schema.additionalProperties) ? toSchemaView(schema.additionalProperties, components, expanding) : undefined;
    return withDescription({ kind: "object", properties, ...(additional ? { additionalProperties: additional } : {}), ...common });
  }
  if (type === "array") return withDescription({ kind: "array", items: toSchemaView(schema.items, components, expanding), ...common });

  const values = "const" in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum.filter((value) => value !== null) : undefined;
  if (type || values) {
    return withDescription({
      kind: "scalar",
      type: type ?? (values ?? []).map((value) => typeof value)[0] ?? "any",
      ...(values ? { enum: values.map(literal) } : {}),
      ...common,
    });
  }
  return withDescription({ kind: "any", ...common });
};
