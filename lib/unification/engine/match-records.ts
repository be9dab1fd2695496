import type { TNormalization } from "../attributes";
import type { TAttributeValue } from "../schemas";
import type { TFuzzyLevel } from "./fuzzy-levels";
import { similar } from "./fuzzy-levels";
import { forEachSimilarValuePair } from "./fuzzy-index";
import { normalizeValue } from "./normalize";
import type { MappedRecord, MatchOptions, MatchResult, RecordLink, RuleWithId } from "./types";
import { UnionFind } from "./union-find";

// Up to this many records, a block's pairs are compared one by one; above, its records are
// grouped by the value of the rule's first fuzzy condition and only similar values meet.
const SMALL_BLOCK = 16;
// A clique or biclique with at most this many pairs has its pairs checked one by one against
// the earlier rules when counting distinct matched pairs; above, the count is computed by
// running the earlier rules on its records (see newPairsInClique).
const ENUMERATE_PAIRS_UP_TO = 256;
const RAW_CACHE_SAMPLE = 2000;

/** One condition's normalized values: an id per record (−1: no value) and the distinct texts. */
type ConditionValues = { ids: Int32Array; texts: string[] };
type PreparedRule = { exact: number[]; fuzzy: Array<{ condition: number; level: TFuzzyLevel }> };
type Members = ArrayLike<number>;

/** Where a rule's matches go: whole cliques and bicliques when they are implied, else pairs. */
type MatchSink = {
  clique(members: Members): void;
  biclique(left: Members, right: Members): void;
  pair(a: number, b: number): void;
  candidates(count: number): void;
};

/**
 * Links records that any rule matches, within and across sources, and returns the connected
 * components (the profiles to be), how each record joined its component, and the counts.
 *
 * Blocking keeps the work close to linear and is complete (it finds every pair an all-pairs
 * comparison of the same rule finds):
 * - a rule's exact conditions block records on the tuple of their normalized values; when the
 *   rule has no fuzzy condition every pair of a block matches, so blocks are linked in linear
 *   time and their pairs counted arithmetically;
 * - fuzzy conditions are checked on pairs of the same block (a rule with only fuzzy conditions
 *   has one block: every record with values). A block of more than a few records is grouped
 *   by the value of the rule's first fuzzy condition, and only groups whose values are similar
 *   meet: all pairs of a few distinct values, else a deletion-neighbourhood index
 *   (fuzzy-index.ts), which provably finds every similar pair of values. When a rule has more
 *   fuzzy conditions, the records of groups that meet are compared pair by pair, so a rule
 *   whose first fuzzy value is shared by many records (a common first name, with no exact
 *   condition to block on) costs the square of those groups.
 * Records without a value for a condition never match on that rule.
 *
 * Memory: per distinct (attribute, normalizations) of the rules, 4 bytes per record and the
 * distinct normalized texts; the union-find and the spanning forest, 20 bytes per record.
 *
 * Counts: `candidatePairs`, summed over rules, are the pairs compared one by one plus those a
 * block or a pair of similar values implies; each rule's `matchedPairs` counts the pairs it
 * matches; `matchedPairs` overall counts distinct pairs (a pair two rules match counts once).
 */
export function matchRecords(records: MappedRecord[], rules: RuleWithId[], options: MatchOptions): MatchResult {
  const { conditionValues, preparedRules } = prepare(records, rules, options);
  const matcher = new RuleMatcher(conditionValues, preparedRules);
  const unionFind = new UnionFind(records.length);

  let candidatePairs = 0;
  let distinctMatchedPairs = 0;
  const ruleCounts = rules.map((rule) => ({ ruleId: rule.id, name: rule.name, matchedPairs: 0 }));

  preparedRules.forEach((_, ruleIndex) => {
    const counts = ruleCounts[ruleIndex]!;
    matcher.evaluateRule(ruleIndex, null, {
      clique(members) {
        const first = members[0]!;
        for (let index = 1; index < members.length; index++) unionFind.union(first, members[index]!, ruleIndex);
        counts.matchedPairs += pairsIn(members.length);
        distinctMatchedPairs += matcher.newPairsInClique(members, ruleIndex);
      },
      biclique(left, right) {
        for (let index = 0; index < right.length; index++) unionFind.union(left[0]!, right[index]!, ruleIndex);
        for (let index = 1; index < left.length; index++) unionFind.union(right[0]!, left[index]!, ruleIndex);
        counts.matchedPairs += left.length * right.length;
        distinctMatchedPairs += matcher.newPairsInBiclique(left, right, ruleIndex);
      },
      pair(a, b) {
        unionFind.union(a, b, ruleIndex);
        counts.matchedPairs++;
        if (!matcher.matchedByEarlierRule(a, b, ruleIndex)) distinctMatchedPairs++;
      },
      candidates(count) {
        candidatePairs += count;
      },
    });
  });

  const { components, joinedBy } = componentsOf(unionFind);
  return { components, joinedBy, counts: { candidatePairs, matchedPairs: distinctMatchedPairs, rules: ruleCounts } };
}

function pairsIn(count: number): number {
  return (count * (count - 1)) / 2;
}

function prepare(records: MappedRecord[], rules: RuleWithId[], options: MatchOptions) {
  const conditionIndex = new Map<string, number>();
  const conditionValues: ConditionValues[] = [];
  const conditionOf = (attribute: string, normalizations: readonly TNormalization[]): number => {
    const signature = `${attribute}\u0000${normalizations.join(",")}`;
    const existing = conditionIndex.get(signature);
    if (existing !== undefined) return existing;
    // Distinct normalized values get dense ids, so blocks and comparisons work on integers.
    // Raw values that repeat (names, dates, postal codes) are normalized once; for mostly unique
    // ones (emails, phones) remembering raw values costs more than it saves, so after a sample
    // with few repeats the attribute goes without.
    const ids = new Int32Array(records.length);
    const texts: string[] = [];
    const idOfText = new Map<string, number>();
    let idOfRaw: Map<TAttributeValue, number> | null = new Map();
    let rawHits = 0;
    for (let index = 0; index < records.length; index++) {
      const raw = records[index]!.values[attribute] ?? null;
      if (raw === null) {
        ids[index] = -1;
        continue;
      }
      if (idOfRaw && idOfRaw.size === RAW_CACHE_SAMPLE && rawHits < RAW_CACHE_SAMPLE / 2) idOfRaw = null;
      let id = idOfRaw?.get(raw);
      if (id !== undefined) rawHits++;
      else {
        const text = normalizeValue(raw, normalizations, options);
        if (text === null) {
          id = -1;
        } else {
          id = idOfText.get(text);
          if (id === undefined) {
            id = texts.length;
            texts.push(text);
            idOfText.set(text, id);
          }
        }
        idOfRaw?.set(raw, id);
      }
      ids[index] = id;
    }
    conditionValues.push({ ids, texts });
    conditionIndex.set(signature, conditionValues.length - 1);
    return conditionValues.length - 1;
  };

  const preparedRules: PreparedRule[] = rules.map((rule) => {
    const prepared: PreparedRule = { exact: [], fuzzy: [] };
    for (const condition of rule.conditions) {
      const index = conditionOf(condition.attribute, condition.normalizations);
      if (condition.precision === "exact") {
        if (!prepared.exact.includes(index)) prepared.exact.push(index);
      } else {
        prepared.fuzzy.push({ condition: index, level: condition.precision });
      }
    }
    return prepared;
  });
  return { conditionValues, preparedRules };
}

/**
 * Groups `members` by a key (given per position): the members reordered so each group is
 * contiguous, and where each group starts. Keys below `keyRange`, when that range is not much
 * larger than the members, are numbered through an array rather than a map.
 */
function groupBy(members: Members, keyAt: (position: number) => number, keyRange = Infinity): { order: Int32Array; starts: number[] } {
  const groupOfMember = new Int32Array(members.length);
  const sizes: number[] = [];
  if (keyRange <= 4 * members.length + 1024) {
    const groupOfKey = new Int32Array(keyRange).fill(-1);
    for (let index = 0; index < members.length; index++) {
      const key = keyAt(index);
      let group = groupOfKey[key]!;
      if (group === -1) {
        group = sizes.length;
        groupOfKey[key] = group;
        sizes.push(0);
      }
      sizes[group]!++;
      groupOfMember[index] = group;
    }
  } else {
    const groupOfKey = new Map<number, number>();
    for (let index = 0; index < members.length; index++) {
      const key = keyAt(index);
      let group = groupOfKey.get(key);
      if (group === undefined) {
        group = sizes.length;
        groupOfKey.set(key, group);
        sizes.push(0);
      }
      sizes[group]!++;
      groupOfMember[index] = group;
    }
  }
  const starts = new Array<number>(sizes.length + 1);
  starts[0] = 0;
  for (let group = 0; group < sizes.length; group++) starts[group + 1] = starts[group]! + sizes[group]!;
  const next = starts.slice(0, sizes.length);
  const order = new Int32Array(members.length);
  for (let index = 0; index < members.length; index++) order[next[groupOfMember[index]!]!++] = members[index]!;
  return { order, starts };
}

class RuleMatcher {
  constructor(
    private readonly conditionValues: ConditionValues[],
    private readonly rules: PreparedRule[],
  ) {}

  /** Does rule `ruleIndex` match records a and b? (The all-pairs definition blocking must agree with.) */
  ruleMatches(ruleIndex: number, a: number, b: number): boolean {
    const rule = this.rules[ruleIndex]!;
    for (const condition of rule.exact) {
      const { ids } = this.conditionValues[condition]!;
      if (ids[a] === -1 || ids[a] !== ids[b]) return false;
    }
    for (const { condition, level } of rule.fuzzy) if (!this.fuzzyHolds(condition, level, a, b)) return false;
    return true;
  }

  matchedByEarlierRule(a: number, b: number, ruleIndex: number): boolean {
    for (let earlier = 0; earlier < ruleIndex; earlier++) if (this.ruleMatches(earlier, a, b)) return true;
    return false;
  }

  private fuzzyHolds(condition: number, level: TFuzzyLevel, a: number, b: number): boolean {
    const { ids, texts } = this.conditionValues[condition]!;
    const idA = ids[a]!;
    const idB = ids[b]!;
    if (idA === -1 || idB === -1) return false;
    return idA === idB || similar(texts[idA]!, texts[idB]!, level);
  }

  /** Calls the sink with every match of a rule among `subset` (all records when null). */
  evaluateRule(ruleIndex: number, subset: Members | null, sink: MatchSink): void {
    const rule = this.rules[ruleIndex]!;
    const idsOfConditions = [...rule.exact, ...rule.fuzzy.map((fuzzy) => fuzzy.condition)].map((condition) => this.conditionValues[condition]!.ids);
    const total = subset ? subset.length : idsOfConditions[0]!.length;
    const candidates = new Int32Array(total);
    let eligibleCount = 0;
    records: for (let position = 0; position < total; position++) {
      const record = subset ? subset[position]! : position;
      for (const ids of idsOfConditions) if (ids[record] === -1) continue records;
      candidates[eligibleCount++] = record;
    }
    if (eligibleCount < 2) return;
    const eligible = candidates.subarray(0, eligibleCount);

    const forEachBlock = (visit: (block: Members) => void): void => {
      if (rule.exact.length === 0) return visit(eligible);
      const { order, starts } = this.blocks(eligible, rule.exact);
      for (let group = 0; group + 1 < starts.length; group++) {
        if (starts[group + 1]! - starts[group]! >= 2) visit(order.subarray(starts[group]!, starts[group + 1]!));
      }
    };

    forEachBlock((block) => {
      if (rule.fuzzy.length === 0) {
        sink.candidates(pairsIn(block.length));
        sink.clique(block);
      } else if (block.length <= SMALL_BLOCK) {
        sink.candidates(pairsIn(block.length));
        for (let a = 0; a < block.length; a++) {
          for (let b = a + 1; b < block.length; b++) if (this.fuzzyConditionsHold(rule, 0, block[a]!, block[b]!)) sink.pair(block[a]!, block[b]!);
        }
      } else {
        this.matchLargeBlock(rule, block, sink);
      }
    });
  }

  private fuzzyConditionsHold(rule: PreparedRule, from: number, a: number, b: number): boolean {
    for (let index = from; index < rule.fuzzy.length; index++) {
      const { condition, level } = rule.fuzzy[index]!;
      if (!this.fuzzyHolds(condition, level, a, b)) return false;
    }
    return true;
  }

  /** Records of a block grouped by their first fuzzy value; groups meet when their values are similar. */
  private matchLargeBlock(rule: PreparedRule, block: Members, sink: MatchSink): void {
    const { condition, level } = rule.fuzzy[0]!;
    const { ids, texts } = this.conditionValues[condition]!;
    const { order, starts } = groupBy(block, (position) => ids[block[position]!]!, texts.length);
    const groupCount = starts.length - 1;
    const group = (index: number) => order.subarray(starts[index]!, starts[index + 1]!);
    const onlyCondition = rule.fuzzy.length === 1;

    const checkPairs = (left: Int32Array, right: Int32Array | null): void => {
      for (let a = 0; a < left.length; a++) {
        const others = right ?? left;
        for (let b = right ? 0 : a + 1; b < others.length; b++) {
          if (this.fuzzyConditionsHold(rule, 1, left[a]!, others[b]!)) sink.pair(left[a]!, others[b]!);
        }
      }
    };

    for (let index = 0; index < groupCount; index++) {
      const members = group(index);
      if (members.length < 2) continue;
      sink.candidates(pairsIn(members.length));
      if (onlyCondition) sink.clique(members);
      else checkPairs(members, null);
    }
    const values = Array.from({ length: groupCount }, (_, index) => texts[ids[order[starts[index]!]!]!]!);
    forEachSimilarValuePair(values, level, (u, v) => {
      const left = group(u);
      const right = group(v);
      sink.candidates(left.length * right.length);
      if (onlyCondition) sink.biclique(left, right);
      else checkPairs(left, right);
    });
  }

  /** Blocks of records with equal values for every exact condition. */
  private blocks(eligible: Int32Array, exact: number[]): { order: Int32Array; starts: number[] } {
    const first = this.conditionValues[exact[0]!]!.ids;
    const firstRange = this.conditionValues[exact[0]!]!.texts.length;
    if (exact.length === 1) return groupBy(eligible, (position) => first[eligible[position]!]!, firstRange);
    // A tuple of ids as one number: each step's key is renumbered densely, so key × distinct + id stays exact.
    const keys = new Int32Array(eligible.length);
    for (let position = 0; position < eligible.length; position++) keys[position] = first[eligible[position]!]!;
    for (let step = 1; step < exact.length; step++) {
      const { ids, texts } = this.conditionValues[exact[step]!]!;
      const denseOf = new Map<number, number>();
      for (let position = 0; position < eligible.length; position++) {
        const combined = keys[position]! * (texts.length + 1) + ids[eligible[position]!]!;
        let dense = denseOf.get(combined);
        if (dense === undefined) {
          dense = denseOf.size;
          denseOf.set(combined, dense);
        }
        keys[position] = dense;
      }
    }
    return groupBy(eligible, (position) => keys[position]!, eligible.length);
  }

  /** Pairs of a clique of rule `ruleIndex` that no earlier rule matches. */
  newPairsInClique(members: Members, ruleIndex: number): number {
    const pairs = pairsIn(members.length);
    if (ruleIndex === 0) return pairs;
    if (pairs <= ENUMERATE_PAIRS_UP_TO) {
      let fresh = 0;
      for (let a = 0; a < members.length; a++) {
        for (let b = a + 1; b < members.length; b++) if (!this.matchedByEarlierRule(members[a]!, members[b]!, ruleIndex)) fresh++;
      }
      return fresh;
    }
    return pairs - this.distinctPairs(members, ruleIndex);
  }

  /** Pairs of a biclique of rule `ruleIndex` that no earlier rule matches. */
  newPairsInBiclique(left: Members, right: Members, ruleIndex: number): number {
    const pairs = left.length * right.length;
    if (ruleIndex === 0) return pairs;
    if (pairs <= ENUMERATE_PAIRS_UP_TO) {
      let fresh = 0;
      for (let a = 0; a < left.length; a++) {
        for (let b = 0; b < right.length; b++) if (!this.matchedByEarlierRule(left[a]!, right[b]!, ruleIndex)) fresh++;
      }
      return fresh;
    }
    // Pairs across = pairs of the union − pairs within each side, for the earlier rules' matches too.
    const union = [...Array.from(left), ...Array.from(right)];
    return pairs - (this.distinctPairs(union, ruleIndex) - this.distinctPairs(left, ruleIndex) - this.distinctPairs(right, ruleIndex));
  }

  /** Distinct pairs among `subset` that any of the first `ruleCount` rules matches. */
  private distinctPairs(subset: Members, ruleCount: number): number {
    let total = 0;
    for (let ruleIndex = 0; ruleIndex < ruleCount; ruleIndex++) {
      this.evaluateRule(ruleIndex, subset, {
        clique: (members) => {
          total += this.newPairsInClique(members, ruleIndex);
        },
        biclique: (left, right) => {
          total += this.newPairsInBiclique(left, right, ruleIndex);
        },
        pair: (a, b) => {
          if (!this.matchedByEarlierRule(a, b, ruleIndex)) total++;
        },
        candidates: () => {},
      });
    }
    return total;
  }
}

/** Components from the union-find, and each record's link in a spanning tree rooted at the component's first record. */
function componentsOf(unionFind: UnionFind): Pick<MatchResult, "components" | "joinedBy"> {
  const count = unionFind.count;
  const componentOfRoot = new Int32Array(count).fill(-1);
  const components: number[][] = [];
  for (let record = 0; record < count; record++) {
    const root = unionFind.find(record);
    let component = componentOfRoot[root]!;
    if (component === -1) {
      component = components.length;
      componentOfRoot[root] = component;
      components.push([record]);
    } else {
      components[component]!.push(record);
    }
  }

  // The forest's edges as adjacency lists (CSR), then a walk from each component's first record.
  const degree = new Int32Array(count + 1);
  for (let edge = 0; edge < unionFind.edgeCount; edge++) {
    degree[unionFind.edgeFrom[edge]! + 1]!++;
    degree[unionFind.edgeTo[edge]! + 1]!++;
  }
  for (let record = 0; record < count; record++) degree[record + 1] = degree[record + 1]! + degree[record]!;
  const next = degree.slice(0, count);
  const neighbour = new Int32Array(unionFind.edgeCount * 2);
  const neighbourEdge = new Int32Array(unionFind.edgeCount * 2);
  for (let edge = 0; edge < unionFind.edgeCount; edge++) {
    const [from, to] = [unionFind.edgeFrom[edge]!, unionFind.edgeTo[edge]!];
    neighbour[next[from]!] = to;
    neighbourEdge[next[from]!++] = edge;
    neighbour[next[to]!] = from;
    neighbourEdge[next[to]!++] = edge;
  }

  const joinedBy: Array<RecordLink | null> = new Array(count).fill(null);
  const visited = new Uint8Array(count);
  const queue = new Int32Array(count);
  for (const component of components) {
    if (component.length === 1) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = component[0]!;
    visited[component[0]!] = 1;
    while (head < tail) {
      const record = queue[head++]!;
      for (let slot = degree[record]!; slot < degree[record + 1]!; slot++) {
        const other = neighbour[slot]!;
        if (visited[other]) continue;
        visited[other] = 1;
        joinedBy[other] = { ruleIndex: unionFind.edgeLabel[neighbourEdge[slot]!]!, matchedRecordIndex: record };
        queue[tail++] = other;
      }
    }
  }
  return { components, joinedBy };
}
