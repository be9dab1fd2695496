import type { MappedRecord } from "./types";

export type AssignProfileIdsInput = {
  /** The new components, as indices into `records`. */
  components: readonly (readonly number[])[];
  records: readonly MappedRecord[];
  /** The profile a source record belonged to after the last successful run, if any. */
  previousProfileId: (sourceIndex: number, key: string) => string | undefined;
  newId: () => string;
};

/**
 * Profile ids that stay stable across runs while the source records do: each component keeps
 * the previous id most of its records had. A previous id goes to one component at most, the one
 * holding most of its records (ties to the earliest component); a component whose every
 * previous id went elsewhere gets a new id. Candidates are settled largest overlap first, so a
 * component whose favourite id went to a bigger share elsewhere can still keep its next one.
 * Unchanged data keeps every id; a merge keeps the larger side's id, a split gives the larger
 * part the old one.
 */
export function assignProfileIds({ components, records, previousProfileId, newId }: AssignProfileIdsInput): string[] {
  const candidates: Array<{ component: number; id: string; overlap: number }> = [];
  components.forEach((members, component) => {
    const overlaps = new Map<string, number>();
    for (const index of members) {
      const record = records[index]!;
      const id = previousProfileId(record.sourceIndex, record.key);
      if (id !== undefined) overlaps.set(id, (overlaps.get(id) ?? 0) + 1);
    }
    for (const [id, overlap] of overlaps) candidates.push({ component, id, overlap });
  });
  candidates.sort((a, b) => b.overlap - a.overlap || a.component - b.component || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const assigned: Array<string | undefined> = new Array(components.length);
  const taken = new Set<string>();
  for (const { component, id } of candidates) {
    if (assigned[component] !== undefined || taken.has(id)) continue;
    assigned[component] = id;
    taken.add(id);
  }
  return Array.from(assigned, (id) => id ?? newId());
}
