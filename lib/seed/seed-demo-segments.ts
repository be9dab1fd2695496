import type { AuditContext } from "../audit/audit-context";
import type { Db } from "../db/client";
import { commitWithEvents } from "../events/commit-with-events";
import { createMeasureIn } from "../measures/create-measure";
import type { TMeasureInput } from "../measures/schemas";
import { createSegmentIn } from "../segments/create-segment";
import type { TSegmentInput } from "../segments/schemas";

type Scope = { tenantId: string; instanceId: string };

/**
 * Contoso Retail's segments, over the attributes its unification maps (lib/seed/seed-demo-unification.ts):
 * who is worth keeping, who is slipping away, who can be emailed, and where they live.
 */
export const demoSegments: TSegmentInput[] = [
  {
    name: "High-value loyalty members",
    description: "Silver, Gold and Platinum members who have spent 500 or more on the web store.",
    rule: {
      combinator: "and",
      conditions: [
        { attribute: "loyaltyTier", operator: "in", value: ["Silver", "Gold", "Platinum"] },
        { attribute: "lifetimeValue", operator: "gte", value: 500 },
      ],
    },
  },
  {
    name: "Lapsed web customers",
    description: "Web store customers whose last order was before 2023.",
    rule: { combinator: "and", conditions: [{ attribute: "lastOrderDate", operator: "lt", value: "2023-01-01" }] },
  },
  {
    name: "Reachable by email",
    description: "Customers who agreed to receive email.",
    rule: { combinator: "and", conditions: [{ attribute: "emailOptIn", operator: "eq", value: true }] },
  },
  {
    name: "Catalonia",
    description: "Customers in Barcelona, Girona, Lleida or Tarragona, or with a Catalan postal code.",
    rule: {
      combinator: "or",
      conditions: [
        { attribute: "city", operator: "in", value: ["Barcelona", "Girona", "Lleida", "Tarragona"] },
        {
          combinator: "or",
          conditions: ["08", "17", "25", "43"].map((prefix) => ({ attribute: "postalCode", operator: "startsWith" as const, value: prefix })),
        },
      ],
    },
  },
];

/** Contoso Retail's business measures; `segment` names one of demoSegments. */
export const demoMeasures: Array<Omit<TMeasureInput, "segmentId"> & { segment?: string }> = [
  { name: "Total revenue", description: "Lifetime value of every customer, summed.", aggregation: "sum", attribute: "lifetimeValue" },
  { name: "Average customer value", description: "Lifetime value per customer who has bought online.", aggregation: "avg", attribute: "lifetimeValue" },
  { name: "Customers", description: "Unified customer profiles.", aggregation: "count", attribute: null },
  {
    name: "Customers reachable by email",
    description: "Profiles in the Reachable by email segment.",
    aggregation: "count",
    attribute: null,
    segment: "Reachable by email",
  },
  { name: "Loyalty points outstanding", description: "Points held by loyalty members.", aggregation: "sum", attribute: "loyaltyPoints" },
];

/**
 * Creates the demo segments and measures in an instance that has none (one that has any is the
 * user's to shape, deletions included), through the same validation and write as the API; creating
 * computes each one's first value. All in ONE transaction: a failure leaves none of them, so the
 * next start seeds them again instead of finding a few and leaving the rest out. Needs the
 * unification configuration (the custom attributes) and runs after the first unification, so the
 * first values count profiles.
 */
export const seedDemoSegments = async (db: Db, scope: Scope) => {
  const audit: AuditContext = { actorId: "demo-seed", actorName: "Demo data", tenantId: scope.tenantId, ip: null, userAgent: null };
  const where = { tenantId: scope.tenantId, instanceId: scope.instanceId };
  await commitWithEvents(db, async (tx, emit) => {
    if ((await tx.segment.count({ where })) > 0 || (await tx.measure.count({ where })) > 0) return;
    const segmentIds = new Map<string, string>();
    for (const input of demoSegments) segmentIds.set(input.name, await createSegmentIn(tx, emit, scope, input, audit));
    for (const { segment, ...input } of demoMeasures) {
      await createMeasureIn(tx, emit, scope, { ...input, segmentId: segment ? segmentIds.get(segment)! : null }, audit);
    }
  });
};
