import type { MappedRecord, MapSourceInput, MapSourceResult, MatchOptions, MatchResult, MergeInput, RuleWithId } from "../engine/types";
import type { TProfileAttributes } from "../schemas";

/**
 * The pure engine as the run calls it (lib/unification/engine/): the run reads rows, hands
 * them over stage by stage, and writes what comes back. Passed in, so a test can make a stage
 * fail on purpose.
 */
export type UnificationEngine = {
  mapSource(input: MapSourceInput, rows: Iterable<Record<string, string>>): MapSourceResult;
  matchRecords(records: MappedRecord[], rules: RuleWithId[], options: MatchOptions): MatchResult;
  /** One profile's attributes from its records (in record-index order). */
  mergeProfile(records: readonly MappedRecord[], input: MergeInput): TProfileAttributes;
  /**
   * Each component's profile id: a previous profile's id when the component carries on from
   * it (`previousProfileId` gives a record's profile after the last successful run), else `newId()`.
   */
  assignProfileIds(input: {
    components: readonly (readonly number[])[];
    records: readonly MappedRecord[];
    previousProfileId: (sourceIndex: number, key: string) => string | undefined;
    newId: () => string;
  }): string[];
};
