import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/test-database";
import { ZUnificationConfig } from "../unification/schemas";
import { updateConfig } from "../unification/update-config";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "./demo-identity";
import { demoMeasures, demoSegments, seedDemoSegments } from "./seed-demo-segments";

const database = useTestDatabase();
const db = () => database.current().db;
const scope = { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID };
const audit = { actorId: "test", actorName: "Test", tenantId: DEMO_TENANT_ID, ip: null, userAgent: null };

const customAttributes = [
  { name: "loyaltyTier", type: "text" },
  { name: "loyaltyPoints", type: "number" },
  { name: "lifetimeValue", type: "number" },
  { name: "lastOrderDate", type: "date" },
  { name: "emailOptIn", type: "boolean" },
] as const;
const withAttributes = (names: string[]) =>
  updateConfig(scope, ZUnificationConfig.parse({ customAttributes: customAttributes.filter((a) => names.includes(a.name)), sources: [], rules: [] }), audit, "Contoso Retail", db());
const counts = async () => ({ segments: await db().segment.count({ where: scope }), measures: await db().measure.count({ where: scope }) });

describe("seedDemoSegments", () => {
  it("seeds all or nothing: a measure it cannot create leaves no segment or measure behind, and the next try seeds them all", async () => {
    await seedDemoIdentity(db());
    // Every segment's attributes exist, but not the points that the last measure sums: it fails after the rest were made.
    await withAttributes(["loyaltyTier", "lifetimeValue", "lastOrderDate", "emailOptIn"]);
    await expect(seedDemoSegments(db(), scope)).rejects.toMatchObject({ code: "validation_failed" });
    expect(await counts()).toEqual({ segments: 0, measures: 0 });
    expect(await db().auditEntry.count({ where: { tenantId: DEMO_TENANT_ID, actorId: "demo-seed" } })).toBe(0);

    await withAttributes(customAttributes.map((a) => a.name));
    await seedDemoSegments(db(), scope);
    expect(await counts()).toEqual({ segments: demoSegments.length, measures: demoMeasures.length });
    // Each has its first computation.
    expect(await db().segmentComputation.count({ where: scope })).toBe(demoSegments.length);
    expect(await db().measureComputation.count({ where: scope })).toBe(demoMeasures.length);

    // An instance that has any segment is the user's to shape: seeding again adds nothing.
    await seedDemoSegments(db(), scope);
    expect(await counts()).toEqual({ segments: demoSegments.length, measures: demoMeasures.length });
  });
});
