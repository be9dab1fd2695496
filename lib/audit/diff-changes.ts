export type FieldChange = { before?: unknown; after?: unknown };
export type Changes = Record<string, FieldChange>;

type Snapshot = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields whose values differ, each with its before and after value. */
export const diffChanges = (before: Snapshot, after: Snapshot): Changes => {
  const changes: Changes = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!same(before[key], after[key])) changes[key] = { before: before[key] ?? null, after: after[key] ?? null };
  }
  return changes;
};

/** A created record: every field, as after values. */
export const createdChanges = (after: Snapshot): Changes =>
  Object.fromEntries(Object.entries(after).map(([key, value]) => [key, { after: value ?? null }]));

/** A deleted record: every field, as before values. */
export const deletedChanges = (before: Snapshot): Changes =>
  Object.fromEntries(Object.entries(before).map(([key, value]) => [key, { before: value ?? null }]));
