import { swaggerSchemaValidator } from "./swagger-schema-validator";

// Power Automate, as far as a custom connector's webhook triggers and actions go, for integration
// tests. It knows what Power Automate knows and nothing more: the served connector definition
// (fetched from its URL) and a connection's access token. It finds operations by operationId,
// builds requests from the declared host, base path, path and parameters, fills a parameter
// from its declared dropdown (x-ms-dynamic-values: the list operation, its value-collection,
// value-path and value-title) given only the title a maker would pick, fills the body property
// marked x-ms-notification-url with its callback URL, and checks notifications against the
// trigger's declared x-ms-notification-content. Like Power Automate, it waits out a 429's
// Retry-After before trying again.

type Json = Record<string, any>;

type SwaggerParameter = { name: string; in: "path" | "query" | "body" | "header" | "formData"; required?: boolean; schema?: Json } & Json;

/** One input a maker sees on an operation's card: a path or query parameter, or a top-level body property. */
type Input = { name: string; in: "path" | "query" | "body"; required: boolean; declaration: Json };

export type DeclaredOperation = { operationId: string; method: string; path: string; pathItem: Json; operation: Json; inputs: Input[] };

export type Answer<T = any> = { status: number; headers: Headers; text: string; json: T };

export type Subscription = { location: string; signingSecret: string; id: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const inputsOf = (operation: Json): Input[] =>
  ((operation.parameters ?? []) as SwaggerParameter[]).flatMap((parameter): Input[] => {
    if (parameter.in === "path" || parameter.in === "query") {
      return [{ name: parameter.name, in: parameter.in, required: parameter.required === true, declaration: parameter }];
    }
    if (parameter.in === "body") {
      const schema = parameter.schema ?? {};
      const required = new Set<string>(schema.required ?? []);
      return Object.entries((schema.properties ?? {}) as Record<string, Json>).map(([name, declaration]) => ({
        name,
        in: "body" as const,
        required: required.has(name),
        declaration,
      }));
    }
    throw new Error(`The stand-in cannot send a parameter in ${parameter.in} (${parameter.name}).`);
  });

/** A value at a value-path or value-collection: slash-separated property names. */
const at = (value: unknown, path: string): unknown =>
  path.split("/").reduce<unknown>((current, key) => (current as Json | undefined)?.[key], value);

export type PowerAutomateStandIn = Awaited<ReturnType<typeof connectPowerAutomateStandIn>>;

/** A stand-in connected through `definitionUrl` (public, as Power Automate reads it) with a connection's token. */
export const connectPowerAutomateStandIn = async ({ definitionUrl, token }: { definitionUrl: string; token: () => Promise<string> }) => {
  const served = await fetch(definitionUrl);
  if (served.status !== 200) throw new Error(`The connector definition answered ${served.status}.`);
  const definition = (await served.json()) as Json;
  const baseUrl = `${(definition.schemes as string[])[0]}://${definition.host}${definition.basePath ?? ""}`;
  const validator = swaggerSchemaValidator();

  const operations = new Map<string, DeclaredOperation>();
  for (const [path, pathItem] of Object.entries(definition.paths as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      operations.set(operation.operationId, { operationId: operation.operationId, method: method.toUpperCase(), path, pathItem, operation, inputs: inputsOf(operation) });
    }
  }

  const operation = (operationId: string): DeclaredOperation => {
    const found = operations.get(operationId);
    if (!found) throw new Error(`The connector definition declares no operation ${operationId}.`);
    return found;
  };

  /** Sends a request with the connection's token, waiting out a 429's Retry-After as Power Automate does. */
  const send = async (method: string, url: string, body?: Json): Promise<Answer> => {
    for (;;) {
      const response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${await token()}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      if (response.status === 429) {
        await sleep(Number(response.headers.get("retry-after") ?? "1") * 1000);
        continue;
      }
      return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
    }
  };

  /** Calls an operation with its inputs by name, each sent where the definition declares it. */
  const call = async <T = any>(operationId: string, values: Record<string, unknown> = {}): Promise<Answer<T>> => {
    const declared = operation(operationId);
    let path = declared.path;
    const query = new URLSearchParams();
    let body: Json | undefined;
    for (const input of declared.inputs) {
      const value = values[input.name];
      if (value === undefined) {
        if (input.required) throw new Error(`${operationId}: no value for its required input ${input.name}.`);
        continue;
      }
      if (input.in === "path") path = path.replace(`{${input.name}}`, encodeURIComponent(String(value)));
      else if (input.in === "query") query.set(input.name, String(value));
      else (body ??= {})[input.name] = value;
    }
    const unknown = Object.keys(values).filter((name) => !declared.inputs.some((input) => input.name === name));
    if (unknown.length > 0) throw new Error(`${operationId} declares no input ${unknown.join(", ")}.`);
    const search = query.size > 0 ? `?${query}` : "";
    if (declared.inputs.some((input) => input.in === "body") && !body) body = {};
    return send(declared.method, `${baseUrl}${path}${search}`, body);
  };

  /**
   * The inputs of an operation as a maker fills them in: `picks` names, by input, the title to
   * choose in its dropdown (the stand-in calls the declared list operation, with the inputs it
   * depends on, and takes the value-path of the item whose value-title it is); `values` are typed
   * in. A required dropdown without a pick fails, as a flow that cannot be saved.
   */
  const fill = async (operationId: string, { picks = {}, values = {} }: { picks?: Record<string, string>; values?: Record<string, unknown> }) => {
    const declared = operation(operationId);
    const filled: Record<string, unknown> = { ...values };
    const dropdowns = declared.inputs.filter((input) => input.declaration["x-ms-dynamic-values"] && filled[input.name] === undefined);
    const undeclared = Object.keys(picks).filter((name) => !declared.inputs.some((input) => input.name === name && input.declaration["x-ms-dynamic-values"]));
    if (undeclared.length > 0) throw new Error(`${operationId} declares no dropdown for ${undeclared.join(", ")}.`);
    for (const input of dropdowns) {
      if (!(input.name in picks) && input.required) throw new Error(`${operationId}: pick a title for ${input.name}.`);
    }
    let pending = dropdowns.filter((input) => input.name in picks);
    while (pending.length > 0) {
      const ready = pending.filter((input) =>
        Object.values((input.declaration["x-ms-dynamic-values"].parameters ?? {}) as Record<string, Json>).every(
          (reference) => typeof reference !== "object" || reference === null || !("parameter" in reference) || filled[reference.parameter] !== undefined,
        ),
      );
      if (ready.length === 0) throw new Error(`${operationId}: the dropdowns of ${pending.map((input) => input.name).join(", ")} depend on inputs nobody filled.`);
      for (const input of ready) {
        const dynamic = input.declaration["x-ms-dynamic-values"] as Json;
        const listInputs = Object.fromEntries(
          Object.entries((dynamic.parameters ?? {}) as Record<string, unknown>).map(([name, reference]) => [
            name,
            typeof reference === "object" && reference !== null && "parameter" in reference ? filled[(reference as Json).parameter] : ((reference as Json)?.value ?? reference),
          ]),
        );
        const listed = await call(dynamic.operationId, listInputs);
        if (listed.status !== 200) throw new Error(`${dynamic.operationId} answered ${listed.status}: ${listed.text}`);
        const items = (dynamic["value-collection"] ? at(listed.json, dynamic["value-collection"]) : listed.json) as unknown[];
        if (!Array.isArray(items)) throw new Error(`${dynamic.operationId}'s ${dynamic["value-collection"]} is not a list.`);
        const titles = items.map((item) => at(item, dynamic["value-title"]));
        const chosen = items.find((item) => at(item, dynamic["value-title"]) === picks[input.name]);
        if (!chosen) throw new Error(`${operationId}: the ${input.name} dropdown offers ${JSON.stringify(titles)}, not "${picks[input.name]}".`);
        filled[input.name] = at(chosen, dynamic["value-path"]);
      }
      pending = pending.filter((input) => !ready.includes(input));
    }
    return filled;
  };

  /**
   * Saves a flow on the trigger: fills its inputs, puts `callbackUrl` in the body property marked
   * x-ms-notification-url, and subscribes. Fails unless the answer is a 201 with an absolute
   * Location on the definition's host.
   */
  const subscribe = async (
    operationId: string,
    inputs: { picks?: Record<string, string>; values?: Record<string, unknown> },
    callbackUrl: string,
  ): Promise<Subscription & { inputs: Record<string, unknown> }> => {
    const declared = operation(operationId);
    if (declared.operation["x-ms-trigger"] !== "single") throw new Error(`${operationId} is not a webhook trigger (x-ms-trigger: single).`);
    const notificationInputs = declared.inputs.filter((input) => input.in === "body" && input.declaration["x-ms-notification-url"] === true);
    if (notificationInputs.length !== 1) throw new Error(`${operationId} marks ${notificationInputs.length} body properties x-ms-notification-url, not one.`);
    const filled = await fill(operationId, inputs);
    filled[notificationInputs[0]!.name] = callbackUrl;
    const answer = await call(operationId, filled);
    if (answer.status !== 201) throw new Error(`${operationId} answered ${answer.status}, not 201: ${answer.text}`);
    const location = answer.headers.get("location");
    if (!location || new URL(location, "http://relative.invalid").host !== definition.host) {
      throw new Error(`${operationId}'s Location is not absolute on ${definition.host}: ${location}`);
    }
    return { location, signingSecret: answer.json?.signingSecret, id: answer.json?.id, inputs: filled };
  };

  /** Removes the flow's trigger: DELETE on the subscription's Location. */
  const unsubscribe = (location: string) => send("DELETE", location);

  /** Problems of a notification's body against the trigger's path-level x-ms-notification-content schema; empty when it conforms. */
  const notificationProblems = (operationId: string, body: unknown): string[] => {
    const content = operation(operationId).pathItem["x-ms-notification-content"] as Json | undefined;
    if (!content?.schema) return [`${operationId} declares no x-ms-notification-content schema.`];
    return validator.problems(content.schema, body);
  };

  return { definition, operation, call, fill, subscribe, unsubscribe, notificationProblems };
};
