import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allowedEdits, deletionsToIndex, fuzzyLevels, similar, type TFuzzyLevel } from "./fuzzy-levels";

// The textbook dynamic programme, as the reference the levels are checked against.
function referenceLevenshtein(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const substitution = table[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      table[i]![j] = Math.min(table[i - 1]![j]! + 1, table[i]![j - 1]! + 1, substitution);
    }
  }
  return table[a.length]![b.length]!;
}

function referenceSimilar(a: string, b: string, level: TFuzzyLevel): boolean {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return true;
  const edits = referenceLevenshtein(a, b);
  const similarity = 1 - edits / longer;
  const { minSimilarityPercent, maxEdits } = fuzzyLevels[level];
  // A small tolerance: the reference uses floating point, the module integers.
  return edits <= maxEdits && similarity >= minSimilarityPercent / 100 - 1e-9;
}

const levels: TFuzzyLevel[] = ["high", "medium", "low"];
const smallAlphabet = fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), maxLength: 14 });
// Pairs a few edits apart, where the boundary cases live.
const nearPair = smallAlphabet.chain((a) =>
  fc.array(fc.tuple(fc.nat(), fc.constantFrom("a", "b", "e"), fc.constantFrom("insert", "delete", "replace")), { maxLength: 4 }).map((edits) => {
    let b = a;
    for (const [position, letter, kind] of edits) {
      const at = b.length === 0 ? 0 : position % (b.length + (kind === "insert" ? 1 : 0));
      if (kind === "insert") b = b.slice(0, at) + letter + b.slice(at);
      else if (kind === "delete") b = b.slice(0, at) + b.slice(at + 1);
      else b = b.slice(0, at) + letter + b.slice(at + 1);
    }
    return [a, b] as const;
  }),
);

describe("fuzzy levels", () => {
  it("agree with a textbook Levenshtein on random pairs", () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(smallAlphabet, smallAlphabet), nearPair, fc.tuple(fc.string(), fc.string())), fc.constantFrom(...levels), ([a, b], level) => {
        expect(similar(a, b, level)).toBe(referenceSimilar(a, b, level));
      }),
      { numRuns: 5000 },
    );
  });

  it("are symmetric and reflexive, and exact is equality", () => {
    fc.assert(
      fc.property(nearPair, fc.constantFrom(...levels), ([a, b], level) => {
        expect(similar(a, b, level)).toBe(similar(b, a, level));
        expect(similar(a, a, level)).toBe(true);
        expect(similar(a, b, "exact")).toBe(a === b);
      }),
    );
  });

  it("are nested: what high accepts, medium accepts, and what medium accepts, low accepts", () => {
    fc.assert(
      fc.property(nearPair, ([a, b]) => {
        if (similar(a, b, "high")) expect(similar(a, b, "medium")).toBe(true);
        if (similar(a, b, "medium")) expect(similar(a, b, "low")).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["fernandez", "fernandes", "high", false],
    ["fernandezz", "fernandeza", "high", true],
    ["josep", "josef", "medium", true],
    ["joan", "juan", "medium", false],
    ["joan", "juan", "low", true],
    ["ana", "eva", "low", false],
    ["garcia", "garica", "low", false],
    ["martinez", "martniez", "low", true],
    ["puigdomenech", "puigdomenec", "high", true],
  ] as const)("%s ~ %s at %s: %s", (a, b, level, expected) => {
    expect(similar(a, b, level)).toBe(expected);
  });

  it("size the deletion neighbourhood so each side of a similar pair reaches a common variant", () => {
    // Deletions needed: from the longer side at most d, from the shorter at most d − Δ.
    fc.assert(
      fc.property(nearPair, fc.constantFrom(...levels), ([a, b], level) => {
        if (!similar(a, b, level)) return;
        const edits = referenceLevenshtein(a, b);
        const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
        expect(edits).toBeLessThanOrEqual(deletionsToIndex(level, longer.length));
        expect(edits - (longer.length - shorter.length)).toBeLessThanOrEqual(deletionsToIndex(level, shorter.length));
      }),
      { numRuns: 3000 },
    );
    for (const level of levels) {
      for (let length = 0; length < 200; length++) {
        for (let longer = 1; longer < 12; longer++) expect(allowedEdits(level, length + longer)).toBeLessThanOrEqual(allowedEdits(level, length) + longer);
      }
    }
  });
});
