import { z } from "zod";
import { ZId } from "../ids/schemas";
import { ZCustomerProfile } from "../unification/schemas";
import {
  MAX_IN_VALUES,
  MAX_RULE_CONDITIONS,
  MAX_TEXT_VALUE_LENGTH,
  ruleCombinators,
  scalarOperators,
} from "./rule-vocabulary";

// Shapes of segments shared by the segment screens and the API. Whether a condition's attribute
// exists and its operator and value suit the attribute's type depends on the instance's custom
// attributes: validate-rule.ts checks that on the server.

export const ZRuleCombinator = z.enum(ruleCombinators);

/** One value: text, a number, a date (YYYY-MM-DD, as text) or a boolean, as the attribute's type says. */
export const ZRuleValue = z.union([
  z.string().min(1, "Enter a value.").max(MAX_TEXT_VALUE_LENGTH, "Keep the value under 500 characters."),
  z.number().refine(Number.isFinite, "Enter a number."),
  z.boolean(),
]);
export type TRuleValue = z.infer<typeof ZRuleValue>;

const ZAttributeRef = z.string().trim().min(1, "Choose an attribute.").max(64);

export const ZRuleCondition = z.discriminatedUnion("operator", [
  z.object({ attribute: ZAttributeRef, operator: z.enum(scalarOperators), value: ZRuleValue }).strict(),
  z
    .object({
      attribute: ZAttributeRef,
      operator: z.literal("in"),
      value: z.array(z.union([ZRuleValue.options[0], ZRuleValue.options[1]])).min(1, "Enter at least one value.").max(MAX_IN_VALUES),
    })
    .strict(),
  z.object({ attribute: ZAttributeRef, operator: z.literal("isEmpty") }).strict(),
]);
export type TRuleCondition = z.infer<typeof ZRuleCondition>;

/** A nested group holds conditions only: one level of nesting. */
export const ZRuleGroup = z
  .object({ combinator: ZRuleCombinator, conditions: z.array(ZRuleCondition).min(1, "A group needs at least one condition.").max(MAX_RULE_CONDITIONS) })
  .strict();
export type TRuleGroup = z.infer<typeof ZRuleGroup>;

export const isRuleGroup = (item: TRuleCondition | TRuleGroup): item is TRuleGroup => "combinator" in item;

export const ZSegmentRule = z
  .object({
    combinator: ZRuleCombinator,
    conditions: z.array(z.union([ZRuleCondition, ZRuleGroup])).min(1, "A rule needs at least one condition.").max(MAX_RULE_CONDITIONS),
  })
  .strict()
  .refine(
    (rule) => rule.conditions.reduce((n, item) => n + (isRuleGroup(item) ? item.conditions.length : 1), 0) <= MAX_RULE_CONDITIONS,
    "A rule has 50 conditions at most.",
  )
  .meta({ id: "SegmentRule" });
export type TSegmentRule = z.infer<typeof ZSegmentRule>;

export const ZSegmentName = z.string().trim().min(1, "Give the segment a name.").max(120, "Keep the name under 120 characters.");
const ZDescription = z.string().trim().max(1000, "Keep the description under 1000 characters.");

export const ZSegmentInput = z.object({ name: ZSegmentName, description: ZDescription.default(""), rule: ZSegmentRule }).strict();
export type TSegmentInput = z.infer<typeof ZSegmentInput>;

export const ZUpdateSegment = z
  .object({ name: ZSegmentName.optional(), description: ZDescription.optional(), rule: ZSegmentRule.optional() })
  .strict()
  .refine((update) => Object.values(update).some((value) => value !== undefined), "Nothing to update.");
export type TUpdateSegment = z.infer<typeof ZUpdateSegment>;

export const ZPreviewSegment = z.object({ rule: ZSegmentRule }).strict();

export const ZSegmentParams = z.object({ instanceId: ZId, segmentId: ZId });

/** Members in id order, OData-style paging as the profiles. */
export const ZListSegmentMembersQuery = z
  .object({
    $top: z.coerce.number().int().min(1).max(200).default(50),
    $skip: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

export const ZSegmentComputation = z
  .object({ id: z.string(), size: z.number().int(), computedAt: z.string(), durationMs: z.number().int(), refreshJobId: z.string().nullable() })
  .meta({ id: "SegmentComputation" });
export type TSegmentComputation = z.infer<typeof ZSegmentComputation>;

/** A segment with its latest size and the one before it (null until computed), for the change. */
export const ZSegment = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    // Null when the rule saved by an earlier version no longer fits what a rule may say (lib/segments/stored-rule.ts).
    rule: ZSegmentRule.nullable(),
    size: z.number().int().nullable(),
    previousSize: z.number().int().nullable(),
    computedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Segment" });
export type TSegment = z.infer<typeof ZSegment>;

/** GetSegment's answer: the segment with its latest computations, newest first. */
export const ZSegmentDetail = ZSegment.extend({ computations: z.array(ZSegmentComputation) }).meta({ id: "SegmentDetail" });
export type TSegmentDetail = z.infer<typeof ZSegmentDetail>;

export const ZSegmentMemberPage = z.object({ profiles: z.array(ZCustomerProfile), total: z.number().int() });
export type TSegmentMemberPage = z.infer<typeof ZSegmentMemberPage>;

/** PreviewSegment's answer: the size the rule would have now, and its first members. */
export const ZSegmentPreview = z.object({ size: z.number().int(), profiles: z.array(ZCustomerProfile) }).meta({ id: "SegmentPreview" });
export type TSegmentPreview = z.infer<typeof ZSegmentPreview>;
