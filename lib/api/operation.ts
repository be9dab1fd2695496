import type { z } from "zod";
import type { Role } from "../auth/roles";
import type { HttpMethod } from "./http-methods";

// One API operation, declared once: the route file hands it to defineRoute (which enforces its
// role and parses its params, query and body), the OpenAPI document is generated from it
// (lib/api/openapi/), and so is the Power Platform connector (lib/connector/). Nothing about an
// operation is written anywhere else.

type Schema = z.ZodType;

/** The successes an operation answers; `null` is a status without a body (204). */
export type SuccessResponses = Partial<Record<200 | 201 | 202 | 204, Schema | null>>;

/** A request body the handler reads itself (uploads): documented per media type, as JSON Schema. */
export type RawBodyDoc = { description: string; content: Record<string, { schema: Record<string, unknown> }> };

/** Error statuses an operation answers besides those its shape implies (see openapi/error-statuses.ts). */
export type DomainErrorStatus = 400 | 404 | 409 | 413 | 415 | 422;

/** How Power Automate's designer shows an operation or a parameter (`x-ms-visibility`). */
export type ConnectorVisibility = "important" | "advanced" | "internal";

/**
 * A dropdown filled by another connector operation (`x-ms-dynamic-values`): its operationId, where
 * the list is in its answer, and which item field is the value and which the title. `parameters`
 * passes this operation's own parameters on (the instance a data source list needs).
 */
export type ConnectorDynamicValues = {
  operationId: string;
  valueCollection: string;
  valuePath: string;
  valueTitle: string;
  parameters?: Record<string, { parameter: string }>;
};

/** A path, query or body parameter as the connector shows it; its zod schema stays the type. */
export type ConnectorParameter = {
  /** Title case (`x-ms-summary`), e.g. "Data source". */
  summary: string;
  description: string;
  visibility?: ConnectorVisibility;
  dynamicValues?: ConnectorDynamicValues;
  /** The body property Power Automate fills with its callback URL (`x-ms-notification-url`). */
  notificationUrl?: true;
};

/**
 * The operation in the Power Platform custom connector (lib/connector/): only operations with
 * this block are in it. Summaries are the operation's own unless Power Automate words them
 * otherwise (triggers: "When a data source refresh fails").
 */
export type ConnectorOperation = {
  visibility: ConnectorVisibility;
  summary?: string;
  description?: string;
  /** Every path, query and body property the operation takes, by name; a test fails on one left out. */
  parameters: Record<string, ConnectorParameter>;
  /** A webhook trigger (`x-ms-trigger: single`): the event body it POSTs to the callback, and how to make it fire. */
  trigger?: { hint: string; notification: { description: string; schema: z.ZodType } };
};

export type Operation<
  PS extends Schema | undefined = Schema | undefined,
  QS extends Schema | undefined = Schema | undefined,
  BS extends Schema | undefined = Schema | undefined,
  R extends SuccessResponses = SuccessResponses,
  A extends Role | "Public" = Role | "Public",
> = {
  /** Stable: clients (the Power Automate connector) call operations by it. Never rename one. */
  operationId: string;
  method: Exclude<HttpMethod, "HEAD" | "OPTIONS">;
  /** OpenAPI style, `{name}` for a path parameter: `/api/v1/instances/{instanceId}/data-sources`. */
  path: `/api/v1/${string}` | `/api/connector/${string}`;
  tags: readonly string[];
  summary: string;
  description?: string;
  /** Lowest role allowed to call it; "Public" answers without a token (the API's own description). */
  role: A;
  params?: PS;
  query?: QS;
  /** A JSON body schema, or "raw" when the handler reads the request itself (uploads; see rawBody). */
  body?: BS | "raw";
  rawBody?: RawBodyDoc;
  responses: R;
  /** A success answered with a body that is not JSON (a download), documented per media type; its status's schema is null. */
  rawResponse?: RawBodyDoc;
  /** Errors the domain answers (409 conflicts, 404 of a record) beyond those implied by the shape. */
  errors?: readonly DomainErrorStatus[];
  /**
   * An unknown id (in a known instance) answers like a deleted record instead of 404: a DELETE that
   * Power Automate may repeat (its unsubscribe). The contract test expects that answer.
   */
  unknownIdAnswers?: 204;
  connector?: ConnectorOperation;
};

/** Keeps an operation's literal types (its schemas and statuses), so defineRoute types the handler from them. */
export const defineOperation = <
  PS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
  const R extends SuccessResponses = SuccessResponses,
  const A extends Role | "Public" = Role,
>(
  operation: Operation<PS, QS, BS, R, A>,
) => {
  // A public operation runs without a principal: nothing would check an instance's tenant.
  if (operation.role === "Public" && operation.path.includes("{instanceId}")) {
    throw new Error(`${operation.operationId}: a public operation cannot take an instance in its path.`);
  }
  return operation;
};

/** The status a handler's plain return value is sent with: the operation's lowest success. */
export const successStatusOf = (responses: SuccessResponses): 200 | 201 | 202 | 204 => {
  const statuses = (Object.keys(responses).map(Number) as Array<200 | 201 | 202 | 204>).sort((a, b) => a - b);
  const first = statuses[0];
  if (first === undefined) throw new Error("An operation declares at least one success response.");
  return first;
};

/** The route-file pattern of an operation's path, as app/ spells it: `{instanceId}` → `[instanceId]`. */
export const routePatternOf = (path: string) => path.replace(/\{([^}]+)\}/g, "[$1]");
