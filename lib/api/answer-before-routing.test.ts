import { describe, expect, it } from "vitest";
import { answerBeforeRouting, hasUndecodableSegment } from "./answer-before-routing";

const undecodable = ["%ZZ", "%", "%E0%A4", "%ED%A0%80", "%C3", "abc%2"];
const decodable = ["", "abc", "%41", "%C3%A9", "%F0%9F%98%80", "%2F", "a%20b", "%25"];

const answer = (method: string, pathname: string, locale: "en" | "ca" = "en") =>
  answerBeforeRouting({ method, pathname, locale: () => locale });

describe("hasUndecodableSegment", () => {
  it.each(undecodable)("finds %s", (segment) => {
    expect(hasUndecodableSegment(`/api/v1/instances/${segment}/data-sources`)).toBe(true);
    expect(hasUndecodableSegment(`/${segment}`)).toBe(true);
  });

  it.each(decodable)("lets %s through", (segment) => {
    expect(hasUndecodableSegment(`/api/v1/instances/${segment}/data-sources`)).toBe(false);
  });
});

describe("answerBeforeRouting", () => {
  it.each(undecodable)("answers an API path with %s with 400 JSON", async (segment) => {
    const response = answer("GET", `/api/v1/instances/${segment}`)!;
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message.length).toBeGreaterThan(0);
  });

  it("answers a page path with an undecodable escape with 400 text in the user's language", async () => {
    const english = answer("GET", "/instances/%ZZ/data-sources")!;
    expect(english.status).toBe(400);
    expect(english.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await english.text()).toContain("percent-escape");
    expect(await answer("GET", "/instances/%ZZ", "ca")!.text()).toContain("adreça");
    // Only /api and below is the API.
    expect(answer("GET", "/apiary/%ZZ")!.headers.get("content-type")).toContain("text/plain");
  });

  it.each(["PROPFIND", "TRACE"])("answers %s under /api with the route's 405 and its Allow list", async (method) => {
    const response = answer(method, "/api/v1/instances/contoso-retail/trigger-registrations/reg_1")!;
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("DELETE, GET, HEAD, PATCH");
    const body = (await response.json()) as { error: { code: string; message: string; details: { allow: string[] } } };
    expect(body.error.code).toBe("method_not_allowed");
    expect(body.error.message).toContain(method);
    expect(body.error.details.allow).toEqual(["DELETE", "GET", "HEAD", "PATCH"]);
  });

  it("answers a method route handlers cannot serve at an address no route serves with 404 JSON", async () => {
    const response = answer("PROPFIND", "/api/v1/no-such-thing")!;
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("answers TRACE on a page with 405 text in the user's language; other methods on pages are Next's", async () => {
    const english = answer("TRACE", "/instances/contoso-retail")!;
    expect(english.status).toBe(405);
    expect(english.headers.get("allow")).toBe("GET, HEAD");
    expect(english.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await english.text()).toContain("GET, HEAD");
    expect(await answer("TRACE", "/", "ca")!.text()).toContain("adreça");
    expect(answer("PROPFIND", "/instances/contoso-retail")).toBeUndefined();
  });

  it.each([
    ["GET", "/api/v1/instances"],
    ["DELETE", "/api/v1/instances/contoso-retail/data-sources/%C3%A9"],
    ["GET", "/api/no-such-thing"],
    ["GET", "/instances/contoso-retail"],
    ["PROPFIND", "/apiary"],
  ])("lets %s %s through to Next.js", (method, pathname) => {
    expect(answer(method, pathname)).toBeUndefined();
  });
});
