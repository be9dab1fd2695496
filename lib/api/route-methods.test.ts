import { describe, expect, it } from "vitest";
import { httpMethods } from "./http-methods";
import { refusalDescriptor, routeMethods, unknownApiRoute } from "./route-methods";

const ok = (label: string) => async () => Response.json({ label });
const call = (handler: (req: Request) => Promise<Response>, method: string) =>
  handler(new Request("http://localhost/api/v1/things", { method }));

describe("routeMethods", () => {
  const GET = ok("get");
  const DELETE = ok("delete");
  const methods = routeMethods({ GET, DELETE });

  it("answers every HTTP method a route file can export", () => {
    expect(Object.keys(methods).sort()).toEqual([...httpMethods].sort());
  });

  it("keeps the route's handlers and serves HEAD with GET", () => {
    expect(methods.GET).toBe(GET);
    expect(methods.DELETE).toBe(DELETE);
    expect(methods.HEAD).toBe(GET);
    expect(refusalDescriptor(GET)).toBeUndefined();
  });

  it.each(["POST", "PUT", "PATCH", "OPTIONS"] as const)("answers %s with 405 JSON and the Allow header", async (method) => {
    const response = await call(methods[method], method);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("DELETE, GET, HEAD");
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = (await response.json()) as { error: { code: string; message: string; details: unknown } };
    expect(body.error.code).toBe("method_not_allowed");
    expect(body.error.message).toContain(method);
    expect(body.error.details).toEqual({ allow: ["DELETE", "GET", "HEAD"] });
    expect(refusalDescriptor(methods[method])).toEqual({ answers: "method_not_allowed", allow: ["DELETE", "GET", "HEAD"] });
  });

  it("does not invent HEAD for a route without GET", async () => {
    const postOnly = routeMethods({ POST: ok("post") });
    expect((await call(postOnly.HEAD, "HEAD")).status).toBe(405);
    expect((await call(postOnly.GET, "GET")).headers.get("allow")).toBe("POST");
  });
});

describe("unknownApiRoute", () => {
  it.each([...httpMethods])("answers %s with 404 JSON", async (method) => {
    const handler = unknownApiRoute()[method];
    const response = await call(handler, method);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("allow")).toBeNull();
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
    expect(refusalDescriptor(handler)).toEqual({ answers: "not_found" });
  });
});
