import { HTTP_METHODS } from "next/dist/server/web/http";
import { describe, expect, it } from "vitest";
import { httpMethods } from "./http-methods";

describe("httpMethods", () => {
  it("is exactly the set of methods a Next.js route handler can export", () => {
    // A method Next learns later would otherwise get Next's own empty 405 instead of ours.
    expect([...httpMethods].sort()).toEqual([...HTTP_METHODS].sort());
  });
});
