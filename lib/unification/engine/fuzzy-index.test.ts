import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { similar, type TFuzzyLevel } from "./fuzzy-levels";
import { forEachSimilarValuePair } from "./fuzzy-index";

describe("forEachSimilarValuePair", { timeout: 60_000 }, () => {
  it("finds exactly the similar pairs an all-pairs comparison finds, each once", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "á"), minLength: 0, maxLength: 13 });
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 0, maxLength: 160, size: "max" }), fc.constantFrom<TFuzzyLevel>("high", "medium", "low"), fc.constantFrom(undefined, 400, 4000), (values, level, maxIndexedVariants) => {
        const expected: string[] = [];
        for (let u = 0; u < values.length; u++) for (let v = u + 1; v < values.length; v++) if (similar(values[u]!, values[v]!, level)) expected.push(`${u}-${v}`);
        const found: string[] = [];
        // A small budget of indexed variants forces the index into several passes.
        forEachSimilarValuePair(
          values,
          level,
          (u, v) => {
            expect(u).toBeLessThan(v);
            found.push(`${u}-${v}`);
          },
          maxIndexedVariants,
        );
        expect(found.sort()).toEqual(expected.sort());
      }),
      { numRuns: 150 },
    );
  });
});
