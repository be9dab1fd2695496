import { deletionsToIndex, similar, type TFuzzyLevel } from "./fuzzy-levels";

// Below this many distinct values, comparing every pair of values is cheaper than an index.
const ALL_PAIRS_UP_TO = 48;
// Hashes and owners of indexed variants kept at once: 8 bytes each, and as much again to sort them.
const MAX_INDEXED_VARIANTS = 8_000_000;

/**
 * Visits every pair of distinct values (u < v, by index into `values`) that are similar at
 * `level`, each once. Complete by construction: two values at most k edits apart share a string
 * obtained from each by deleting at most k characters (align them: delete the substituted
 * characters from both, the inserted ones from the side that has them), so indexing every value
 * under all its deletion variants — up to the edits its level allows at its length — and
 * comparing values that share a variant finds every similar pair (deletionsToIndex says why
 * each value's own length is enough). Variants are indexed by a
 * 32-bit hash: a collision only adds a comparison, never loses a pair.
 */
export function forEachSimilarValuePair(
  values: readonly string[],
  level: TFuzzyLevel,
  visit: (u: number, v: number) => void,
  maxIndexedVariants = MAX_INDEXED_VARIANTS,
): void {
  const count = values.length;
  if (count < 2) return;
  if (count <= ALL_PAIRS_UP_TO) {
    for (let u = 0; u < count; u++) for (let v = u + 1; v < count; v++) if (similar(values[u]!, values[v]!, level)) visit(u, v);
    return;
  }

  // Long values at a loose level have many variants (a 25-character email at `medium`, about
  // 300): when all of them would not fit the budget, the index is built in passes, each over the
  // variants whose hash falls in its share. Two values sharing a variant share its hash, so they
  // meet in that hash's pass.
  let estimated = 0;
  for (const value of values) estimated += variantCountBound(value.length, deletionsToIndex(level, value.length));
  const passes = Math.max(1, Math.ceil(estimated / maxIndexedVariants));

  const found = new Set<number>();
  const variantsOfOne = new Set<number>();
  for (let pass = 0; pass < passes; pass++) {
    let hashes = new Uint32Array(Math.max(1024, Math.min(maxIndexedVariants, Math.ceil((estimated / passes) * 1.1))));
    let owners = new Int32Array(hashes.length);
    let used = 0;
    for (let valueIndex = 0; valueIndex < count; valueIndex++) {
      const value = values[valueIndex]!;
      variantsOfOne.clear();
      addDeletionVariants(value, deletionsToIndex(level, value.length), variantsOfOne);
      if (used + variantsOfOne.size > hashes.length) {
        const capacity = Math.max(hashes.length * 2, used + variantsOfOne.size);
        hashes = grow(hashes, capacity);
        owners = grow(owners, capacity);
      }
      for (const hash of variantsOfOne) {
        if (passes > 1 && hash % passes !== pass) continue;
        hashes[used] = hash;
        owners[used++] = valueIndex;
      }
    }
    const order = radixSortOrder(hashes, used);

    let start = 0;
    while (start < used) {
      const hash = hashes[order[start]!]!;
      let end = start + 1;
      while (end < used && hashes[order[end]!] === hash) end++;
      for (let a = start; a < end; a++) {
        for (let b = a + 1; b < end; b++) {
          let u = owners[order[a]!]!;
          let v = owners[order[b]!]!;
          if (u > v) [u, v] = [v, u];
          const pairKey = u * count + v;
          if (found.has(pairKey) || !similar(values[u]!, values[v]!, level)) continue;
          found.add(pairKey);
          visit(u, v);
        }
      }
      start = end;
    }
  }
}

/** How many strings deleting at most `deletions` of `length` characters can give: Σ C(length, i). */
function variantCountBound(length: number, deletions: number): number {
  let total = 0;
  let choose = 1;
  for (let deleted = 0; deleted <= Math.min(deletions, length); deleted++) {
    total += choose;
    choose = (choose * (length - deleted)) / (deleted + 1);
  }
  return total;
}

/** Hashes (FNV-1a) of every string made by deleting at most `maxDeletions` characters of `value`. */
function addDeletionVariants(value: string, maxDeletions: number, into: Set<number>): void {
  const length = value.length;
  const deleted = new Uint8Array(length);
  const hashWithout = (): number => {
    let hash = 0x811c9dc5;
    for (let index = 0; index < length; index++) {
      if (deleted[index]) continue;
      hash ^= value.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
  };
  const recurse = (from: number, remaining: number): void => {
    into.add(hashWithout());
    if (remaining === 0) return;
    for (let index = from; index < length; index++) {
      // Deleting any one of a run of equal characters gives the same string: take the run's first.
      if (index > from && value.charCodeAt(index) === value.charCodeAt(index - 1) && !deleted[index - 1]) continue;
      deleted[index] = 1;
      recurse(index + 1, remaining - 1);
      deleted[index] = 0;
    }
  };
  recurse(0, Math.min(maxDeletions, length));
}

function grow<T extends Uint32Array | Int32Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

/** Positions 0…used−1 ordered by their key: two stable counting passes of 16 bits. */
function radixSortOrder(keys: Uint32Array, used: number): Int32Array {
  let order = new Int32Array(used);
  for (let index = 0; index < used; index++) order[index] = index;
  let scratch = new Int32Array(used);
  const counts = new Int32Array(65537);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let index = 0; index < used; index++) counts[((keys[order[index]!]! >>> shift) & 0xffff) + 1]!++;
    for (let bucket = 0; bucket < 65536; bucket++) counts[bucket + 1] = counts[bucket + 1]! + counts[bucket]!;
    for (let index = 0; index < used; index++) {
      const position = order[index]!;
      const bucket = (keys[position]! >>> shift) & 0xffff;
      scratch[counts[bucket]!] = position;
      counts[bucket] = counts[bucket]! + 1;
    }
    [order, scratch] = [scratch, order];
  }
  return order;
}
