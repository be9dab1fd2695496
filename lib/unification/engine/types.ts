import type { TAttributeType } from "../attributes";
import type { TMatchRule, TMergePolicy, TProfileAttributes, TSourceMapping, TStageCounts } from "../schemas";

// The unification engine's inputs and outputs. The engine is pure: it takes rows and a
// configuration and returns records, links and profiles; reading rows and writing profiles is
// the run's job (lib/unification/run/).

/** One data source's row after mapping: its key, its attributes converted to their types. */
export type MappedRecord = {
  /** Index of the record's source in the configuration's `sources` (also its merge order). */
  sourceIndex: number;
  /** The primary-key column's value, trimmed. */
  key: string;
  values: TProfileAttributes;
  /** The recency column's value as epoch milliseconds, or null (no column, empty or invalid). */
  recency: number | null;
};

export type MapSourceInput = {
  sourceIndex: number;
  dataSourceId: string;
  name: string;
  mapping: TSourceMapping;
  /** Every attribute of the instance (standard and custom) with its type. */
  attributeTypes: ReadonlyMap<string, TAttributeType>;
};

export type MapSourceResult = { records: MappedRecord[]; counts: TStageCounts["map"]["sources"][number] };

export type RuleWithId = TMatchRule & { id: string };

export type MatchOptions = {
  /** ISO 3166-1 alpha-2, for `phoneE164` on numbers written without an international prefix. */
  defaultPhoneCountry: string;
};

/** A link that joined a record into its profile: the rule, and the record on the other side. */
export type RecordLink = { ruleIndex: number; matchedRecordIndex: number };

export type MatchResult = {
  /**
   * The profiles to be: connected components of the matched pairs, as record indices. Each
   * component is sorted ascending, and the components by their first index; every record is in
   * exactly one (a record that matched nothing is a component of its own).
   */
  components: number[][];
  /**
   * Per record, the link of a spanning tree of its component rooted at the component's first
   * record (null for that root): which rule joined it and to which record. Earlier rules win.
   */
  joinedBy: Array<RecordLink | null>;
  counts: TStageCounts["match"];
};

export type MergeInput = {
  /** Every attribute of the instance with its type. */
  attributeTypes: ReadonlyMap<string, TAttributeType>;
  /** Attributes without a policy take `firstNonEmpty`. */
  policies: Readonly<Record<string, TMergePolicy>>;
  /** The configuration's data source ids, by sourceIndex: sourcePriority names sources by id. */
  sourceIds: readonly string[];
};
