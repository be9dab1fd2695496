import { describe, expect, it } from "vitest";
import { createTally, percentile } from "./tally";

describe("percentile (nearest rank)", () => {
  it("picks the value at rank ceil(p/100 × n)", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("createTally", () => {
  it("counts calls and errors per operation, reads before writes, with subtotals and a total", () => {
    const tally = createTally();
    tally.record({ operation: "pause an active registration → 200", kind: "write", ms: 30 });
    tally.record({ operation: "list instances → 200", kind: "read", ms: 10 });
    tally.record({ operation: "list instances → 200", kind: "read", ms: 20 });
    tally.record({ operation: "pause an active registration → 200", kind: "write", ms: 5000, error: "status 503" });

    expect(tally.calls()).toBe(4);
    expect(tally.errors()).toEqual([{ operation: "pause an active registration → 200", error: "status 503" }]);
    const rows = tally.table(2).split("\n").slice(2);
    expect(rows).toEqual([
      "| list instances → 200 | 2 | 1.0 | 10 | 20 | 0 |",
      "| pause an active registration → 200 | 2 | 1.0 | 30 | 5,000 | 1 |",
      "| *all reads* | 2 | 1.0 | 10 | 20 | 0 |",
      "| *all writes* | 2 | 1.0 | 30 | 5,000 | 1 |",
      "| **total** | 4 | 2.0 | 20 | 5,000 | 1 |",
    ]);
  });
});
