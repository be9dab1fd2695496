import { AppError } from "../errors/app-error";
import { type TSegmentRule, ZSegmentRule } from "./schemas";

// A rule is checked when it is saved, but stored as JSON: one saved by an earlier version may not
// pass today's schema (a tightened limit, an operator withdrawn). Reading it is not the caller's
// mistake, so it never answers as invalid input; the segment says so, and what needs the rule
// to count stops with a reason the user can act on.

/** The stored rule as today's schema reads it, or null when it no longer does. */
export const readStoredRule = (rule: unknown): TSegmentRule | null => {
  const parsed = ZSegmentRule.safeParse(rule);
  return parsed.success ? parsed.data : null;
};

/** The segment's rule, for counting its members; a rule that no longer reads is a 409 `segment_rule_invalid`. */
export const usableRuleOf = (segment: { id: string; name: string; rule: unknown }): TSegmentRule => {
  const rule = readStoredRule(segment.rule);
  if (rule) return rule;
  throw new AppError(
    "conflict",
    `The rule saved for the segment "${segment.name}" no longer fits what a rule may say, so its members cannot be counted. Open the segment, build its rule again and save it.`,
    { reason: "segment_rule_invalid", segmentId: segment.id, name: segment.name },
  );
};
