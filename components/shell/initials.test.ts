import { describe, expect, it } from "vitest";
import { initialsOf } from "./initials";

describe("initialsOf", () => {
  it("takes the first letters of the first and last words", () => {
    expect(initialsOf("Avery Admin")).toBe("AA");
    expect(initialsOf("Mary Ann Smith")).toBe("MS");
    expect(initialsOf("cher")).toBe("C");
    expect(initialsOf("Àngel Puig i Ferrer")).toBe("ÀF");
  });

  it("skips words that do not start with a letter, and gives nothing for a name without one", () => {
    expect(initialsOf("Val Viewer (contractor)")).toBe("VV");
    expect(initialsOf("Casey – Contributor")).toBe("CC");
    expect(initialsOf("  ")).toBe("");
  });
});
