import type { TFieldChange } from "@/lib/audit/schemas";

const MAX_VALUE = 80;

const isEmpty = (value: unknown) => value === null || value === undefined || value === "";

const show = (value: unknown): string => {
  if (isEmpty(value)) return "—";
  let text: string;
  if (typeof value === "string") text = value;
  else if (Array.isArray(value)) text = value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
  else if (typeof value === "object") {
    // Nested records (an upload, a run) read as "key: value" pairs; their ids say nothing to a person.
    text = Object.entries(value as Record<string, unknown>)
      .filter(([key, v]) => key !== "id" && !isEmpty(v))
      .map(([key, v]) => `${key}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(", ");
  } else text = String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
};

/**
 * One line per changed field: "before → after" for an update, the value alone for a created
 * or deleted record (whose empty fields are left out).
 */
export const describeChanges = (changes: Record<string, TFieldChange>): { field: string; text: string }[] =>
  Object.entries(changes).flatMap(([field, change]) => {
    const hasBefore = "before" in change;
    const hasAfter = "after" in change;
    if (hasBefore && hasAfter) return [{ field, text: `${show(change.before)} → ${show(change.after)}` }];
    const value = hasAfter ? change.after : change.before;
    return isEmpty(value) ? [] : [{ field, text: show(value) }];
  });
