import { distance } from "fastest-levenshtein";
import type { TPrecision } from "../attributes";

export type TFuzzyLevel = Exclude<TPrecision, "exact">;

/**
 * The fuzzy precisions of a match condition.
 *
 * Two values are *similar* at a level when both limits of the level hold on their normalized
 * text:
 * - their Levenshtein similarity, 1 − (edits needed to turn one into the other) ÷ (length of the
 *   longer one), is at least the level's minimum similarity, and
 * - they are at most the level's maximum number of edits apart, whatever their length.
 * An edit is inserting, deleting or replacing one character; swapping two neighbouring letters
 * counts as two edits. Edits are counted with `fastest-levenshtein`.
 *
 * | Level  | Minimum similarity | Maximum edits | In practice                                                      |
 * |--------|--------------------|---------------|------------------------------------------------------------------|
 * | high   | 90 %               | 1             | one typo in a value of 10+ characters (Fernández / Fernandes…)   |
 * | medium | 80 %               | 2             | one typo from 5 characters (Josep / Josef), two from 10          |
 * | low    | 70 %               | 3             | one typo from 4 characters (Joan / Juan), two from 7, three from 10 |
 *
 * Short values need more care: at `high` anything under 10 characters must be equal, at
 * `medium` under 5, at `low` under 4 (Ana and Eva never match). The edit cap keeps long values
 * (addresses, emails) from matching with many differences just because they are long.
 */
export const fuzzyLevels: Readonly<Record<TFuzzyLevel, { minSimilarityPercent: number; maxEdits: number }>> = {
  high: { minSimilarityPercent: 90, maxEdits: 1 },
  medium: { minSimilarityPercent: 80, maxEdits: 2 },
  low: { minSimilarityPercent: 70, maxEdits: 3 },
};

/** The most edits a level allows between two values whose longer one has `longerLength` characters. */
export function allowedEdits(level: TFuzzyLevel, longerLength: number): number {
  const { minSimilarityPercent, maxEdits } = fuzzyLevels[level];
  // In integers: distance ≤ (1 − threshold) × length, without floating-point surprises at the boundary.
  return Math.min(maxEdits, Math.floor(((100 - minSimilarityPercent) * longerLength) / 100));
}

/**
 * The most deletions the fuzzy index must apply to a value of `length` characters so that it
 * shares a variant with every value similar to it: `allowedEdits` of its own length. For a
 * longer partner (Δ more characters, d edits away, d ≤ allowedEdits(length + Δ)) this value
 * needs at most d − Δ deletions, and allowedEdits grows by at most one per character.
 */
export function deletionsToIndex(level: TFuzzyLevel, length: number): number {
  return allowedEdits(level, length);
}

export function similar(a: string, b: string, precision: TPrecision): boolean {
  if (a === b) return true;
  if (precision === "exact") return false;
  const longer = Math.max(a.length, b.length);
  const allowed = allowedEdits(precision, longer);
  // The length difference is a lower bound of the distance: most pairs stop here.
  if (Math.abs(a.length - b.length) > allowed) return false;
  if (allowed === 0) return false;
  return distance(a, b) <= allowed;
}
