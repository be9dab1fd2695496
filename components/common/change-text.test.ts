import { describe, expect, it } from "vitest";
import { changeText } from "./change-text";

describe("changeText", () => {
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
  it("is the signed difference, or a dash without both values", () => {
    expect(changeText(120, 100, signed)).toBe("+20");
    expect(changeText(90, 100, signed)).toBe("-10");
    expect(changeText(100, null, signed)).toBe("—");
    expect(changeText(null, 100, signed)).toBe("—");
  });
});
