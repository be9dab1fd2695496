import { toSchemaView, type SchemaView } from "./schema-view";

// The OpenAPI document as the API reference page shows it: operations grouped by tag, in the
// document's order, each with its parameters, request body and responses as schema views.

type JsonObject = Record<string, unknown>;

export type ParameterView = { name: string; in: "path" | "query"; required: boolean; description?: string; schema: SchemaView };
export type BodyView = { mediaType: string; schema: SchemaView };
export type ResponseView = { status: string; description: string; bodies: BodyView[] };
export type OperationView = {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  /** "Public", or the lowest role allowed (x-required-role). */
  role: string;
  parameters: ParameterView[];
  requestBody?: { description?: string; bodies: BodyView[] };
  responses: ResponseView[];
  /** Error statuses with their descriptions; their body is the one error shape of the API (ReferenceView.errorBodies). */
  errors: { status: string; description: string }[];
};
/** What the reference's first page lists of an operation: a link to it on its tag's page. */
export type OperationSummary = Pick<OperationView, "operationId" | "method" | "path" | "summary">;

/** A tag's operations; `slug` names its own page of the reference (/api-reference/<slug>). */
export type TagView = { name: string; slug: string; operations: OperationView[] };
export type ReferenceView = {
  title: string;
  version: string;
  description?: string;
  tags: TagView[];
  /** The body every error status answers with, shown once rather than under every operation. */
  errorBodies: BodyView[];
};

const methods = ["get", "put", "post", "patch", "delete"] as const;

/** A tag's page address segment (and fragment ids): lowercase words joined by hyphens. */
export const tagSlug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "other";

const isObject = (value: unknown): value is JsonObject => !!value && typeof value === "object" && !Array.isArray(value);
const isErrorStatus = (status: string) => Number(status) >= 400;
const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);

const bodiesOf = (content: unknown, components: JsonObject): BodyView[] =>
  Object.entries(isObject(content) ? content : {}).map(([mediaType, media]) => ({
    mediaType,
    schema: toSchemaView(isObject(media) ? media.schema : undefined, components),
  }));

const operationView = (method: string, path: string, operation: JsonObject, components: JsonObject): OperationView => {
  const parameters = (Array.isArray(operation.parameters) ? operation.parameters : []).filter(isObject).map(
    (parameter): ParameterView => ({
      name: String(parameter.name),
      in: parameter.in === "query" ? "query" : "path",
      required: parameter.required === true,
      ...(text(parameter.description) ? { description: text(parameter.description) } : {}),
      schema: toSchemaView(parameter.schema, components),
    }),
  );
  const body = isObject(operation.requestBody) ? operation.requestBody : undefined;
  const statuses = Object.entries(isObject(operation.responses) ? operation.responses : {}).sort(([a], [b]) => a.localeCompare(b));
  const descriptionOf = (response: unknown) => (isObject(response) && text(response.description)) || "";
  const responses = statuses
    .filter(([status]) => !isErrorStatus(status))
    .map(([status, response]): ResponseView => ({ status, description: descriptionOf(response), bodies: isObject(response) ? bodiesOf(response.content, components) : [] }));
  const errors = statuses.filter(([status]) => isErrorStatus(status)).map(([status, response]) => ({ status, description: descriptionOf(response) }));
  return {
    operationId: String(operation.operationId),
    method: method.toUpperCase(),
    path,
    summary: text(operation.summary) ?? "",
    ...(text(operation.description) ? { description: text(operation.description) } : {}),
    role: text(operation["x-required-role"]) ?? "Public",
    parameters,
    ...(body ? { requestBody: { ...(text(body.description) ? { description: text(body.description) } : {}), bodies: bodiesOf(body.content, components) } } : {}),
    responses,
    errors,
  };
};

/** Builds the page's view of an OpenAPI 3.1 document (the one buildOpenApiDocument generates). */
export const toReferenceView = (document: JsonObject): ReferenceView => {
  const info = isObject(document.info) ? document.info : {};
  const components = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  const tagOrder = (Array.isArray(document.tags) ? document.tags : []).filter(isObject).map((tag) => String(tag.name));
  let errorBodies: BodyView[] = [];
  const byTag = new Map<string, OperationView[]>(tagOrder.map((name) => [name, []]));
  for (const [path, item] of Object.entries(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of methods) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const view = operationView(method, path, operation, components);
      if (errorBodies.length === 0) {
        const errorResponse = Object.entries(isObject(operation.responses) ? operation.responses : {}).find(([status]) => isErrorStatus(status))?.[1];
        if (isObject(errorResponse)) errorBodies = bodiesOf(errorResponse.content, components);
      }
      const tags = Array.isArray(operation.tags) && operation.tags.length > 0 ? operation.tags.map(String) : [""];
      for (const tag of tags) {
        const list = byTag.get(tag) ?? [];
        list.push(view);
        byTag.set(tag, list);
      }
    }
  }
  return {
    title: text(info.title) ?? "",
    version: text(info.version) ?? "",
    ...(text(info.description) ? { description: text(info.description) } : {}),
    tags: [...byTag].filter(([, operations]) => operations.length > 0).map(([name, operations]) => ({ name, slug: tagSlug(name), operations })),
    errorBodies,
  };
};
