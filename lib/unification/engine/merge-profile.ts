import type { TAttributeType, TMergePolicyKind } from "../attributes";
import type { TAttributeValue, TMergePolicy, TProfileAttributes } from "../schemas";
import type { MappedRecord, MergeInput } from "./types";

/**
 * Whether a merge policy means something for an attribute type: `longest` is for text,
 * `max` / `min` for numbers and dates, `sum` for numbers; the others choose a record and apply
 * to every type. The configuration refuses the other combinations; should one reach the merge
 * anyway, it takes `firstNonEmpty`.
 */
export function policyAppliesTo(kind: TMergePolicyKind, type: TAttributeType): boolean {
  switch (kind) {
    case "longest":
      return type === "text";
    case "max":
    case "min":
      return type === "number" || type === "date";
    case "sum":
      return type === "number";
    default:
      return true;
  }
}

/**
 * One profile's attributes from its records (one component's), one policy per attribute
 * (`firstNonEmpty` when none). Ties are broken the same way every time: records are taken in the
 * configuration's source order, then by key. A record without a recency date is the least
 * recent. An attribute no record has a value for is null.
 */
export function mergeProfile(records: readonly MappedRecord[], input: MergeInput): TProfileAttributes {
  const profile: TProfileAttributes = {};
  if (records.length === 1) {
    // Most profiles have one record: every policy then gives its value (a sum of one number is that number).
    const { values } = records[0]!;
    for (const attribute of input.attributeTypes.keys()) profile[attribute] = values[attribute] ?? null;
    return profile;
  }
  const ordered = [...records].sort(configurationOrder);
  for (const [attribute, type] of input.attributeTypes) {
    const requested = input.policies[attribute] ?? { kind: "firstNonEmpty" };
    const policy: TMergePolicy = policyAppliesTo(requested.kind, type) ? requested : { kind: "firstNonEmpty" };
    profile[attribute] = mergeAttribute(ordered, attribute, policy, input.sourceIds);
  }
  return profile;
}

function configurationOrder(a: MappedRecord, b: MappedRecord): number {
  if (a.sourceIndex !== b.sourceIndex) return a.sourceIndex - b.sourceIndex;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function mergeAttribute(ordered: readonly MappedRecord[], attribute: string, policy: TMergePolicy, sourceIds: readonly string[]): TAttributeValue {
  const valueOf = (record: MappedRecord): TAttributeValue => record.values[attribute] ?? null;
  const withValue = ordered.filter((record) => valueOf(record) !== null);
  if (withValue.length === 0) return null;
  switch (policy.kind) {
    case "firstNonEmpty":
      return valueOf(withValue[0]!);
    case "sourcePriority": {
      // Sources the order does not name come after those it names, in configuration order.
      const rank = (record: MappedRecord): number => {
        const position = policy.sourceOrder.indexOf(sourceIds[record.sourceIndex] ?? "");
        return position === -1 ? policy.sourceOrder.length + record.sourceIndex : position;
      };
      let best = withValue[0]!;
      for (const record of withValue) if (rank(record) < rank(best)) best = record;
      return valueOf(best);
    }
    case "mostRecent": {
      let best = withValue[0]!;
      for (const record of withValue) if ((record.recency ?? -Infinity) > (best.recency ?? -Infinity)) best = record;
      return valueOf(best);
    }
    case "longest": {
      let best = String(valueOf(withValue[0]!));
      for (const record of withValue) {
        const text = String(valueOf(record));
        if (text.length > best.length) best = text;
      }
      return best;
    }
    case "max":
    case "min": {
      // Numbers compare as numbers, dates (YYYY-MM-DD) as text: both orders are chronological.
      let best = valueOf(withValue[0]!)!;
      for (const record of withValue) {
        const value = valueOf(record)!;
        if (policy.kind === "max" ? value > best : value < best) best = value;
      }
      return best;
    }
    case "sum": {
      let total = 0;
      for (const record of withValue) total += Number(valueOf(record));
      return total;
    }
  }
}
