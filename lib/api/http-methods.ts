/**
 * The HTTP methods a Next.js route handler can export (Next's own list; a unit test keeps them
 * equal). A route module exports every one of them (see route-methods.ts), so Next never answers
 * on its own with an empty 405 or 204.
 */
export const httpMethods = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"] as const;
export type HttpMethod = (typeof httpMethods)[number];

export const isHttpMethod = (value: string): value is HttpMethod => (httpMethods as readonly string[]).includes(value);

/** The Allow list of an address that serves `methods`: HEAD wherever GET is (Next.js serves it with GET), sorted. */
export const allowList = (methods: readonly HttpMethod[]): HttpMethod[] =>
  httpMethods.filter((method) => methods.includes(method) || (method === "HEAD" && methods.includes("GET"))).sort();
