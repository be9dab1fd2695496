import { describe, expect, it } from "vitest";
import { sampleValues } from "./column-samples";

describe("sampleValues", () => {
  it("takes the first distinct non-empty values of each column, in column order", () => {
    const rows = [
      { email: "a@example.com", city: "" },
      { email: "a@example.com", city: " Girona " },
      { email: "b@example.com", city: "Girona" },
      { email: "c@example.com", city: "Lyon" },
      { email: "d@example.com", city: "Vic" },
    ];
    expect(sampleValues(["city", "email", "missing"], rows, 2)).toEqual([
      { column: "city", samples: ["Girona", "Lyon"] },
      { column: "email", samples: ["a@example.com", "b@example.com"] },
      { column: "missing", samples: [] },
    ]);
  });

  it("cuts long values", () => {
    const [only] = sampleValues(["note"], [{ note: "x".repeat(500) }]);
    expect(only!.samples[0]).toHaveLength(80);
    expect(only!.samples[0]!.endsWith("…")).toBe(true);
  });
});
