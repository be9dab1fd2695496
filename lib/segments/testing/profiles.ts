import { type Db, getDb } from "../../db/client";
import type { TStandardAttributeName } from "../../unification/attributes";
import type { TCustomAttribute } from "../../unification/schemas";

// Profiles and custom attributes written straight to the database, for the segment and measure
// tests: a unification run is not what they test.

type Scope = { tenantId: string; instanceId: string };
export type TestProfile = { id: string; customAttributes?: Record<string, unknown> } & Partial<Record<TStandardAttributeName, string | null>>;

/** The instance's custom attributes, as a saved unification configuration holds them. */
export const saveCustomAttributes = async (scope: Scope, customAttributes: TCustomAttribute[], db: Db = getDb()) => {
  const settings = { customAttributes, rules: [], mergePolicies: {}, defaultPhoneCountry: "US" };
  await db.unificationConfig.upsert({
    where: { instanceId: scope.instanceId },
    create: { ...scope, settings },
    update: { settings },
  });
};

export const insertProfiles = async (scope: Scope, profiles: TestProfile[], db: Db = getDb()) => {
  const now = new Date();
  await db.customerProfile.createMany({
    data: profiles.map(({ customAttributes, ...columns }) => ({
      ...columns,
      ...scope,
      customAttributes: (customAttributes ?? {}) as object,
      searchText: "",
      sourceRecordCount: 1,
      fingerprint: "",
      runId: "run_test",
      createdAt: now,
      updatedAt: now,
    })),
  });
};
