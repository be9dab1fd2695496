import { describe, expect, it } from "vitest";
import { sparklinePoints } from "./sparkline-path";

describe("sparkline points", () => {
  it("spreads the values across the width, the highest at the top", () => {
    expect(sparklinePoints([0, 5, 10], 104, 24)).toBe("2,22 52,12 102,2");
  });
  it("skips unknown values, keeps a flat line in the middle, and draws nothing without values", () => {
    expect(sparklinePoints([3, null, 3], 104, 24)).toBe("2,12 102,12");
    expect(sparklinePoints([null], 104, 24)).toBe("");
  });
});
