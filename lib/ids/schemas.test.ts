import { describe, expect, it } from "vitest";
import { ZId } from "./schemas";

describe("ZId", () => {
  it("accepts generated ids and refuses path tricks and overlong ids", () => {
    expect(ZId.safeParse("trg_0mh3k2x9abcdef").success).toBe(true);
    for (const bad of ["../x", "a/b", "a b", "", "x".repeat(65), "%2e%2e"]) {
      expect(ZId.safeParse(bad).success, bad).toBe(false);
    }
  });
});
