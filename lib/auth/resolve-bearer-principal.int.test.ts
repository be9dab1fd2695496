import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { getDb } from "../db/client";
import { seedDemoIdentity } from "../seed/demo-identity";
import { resetSettingsCache } from "../settings/settings";
import { useTestDatabase } from "../testing/test-database";
import { resolveBearerPrincipal } from "./resolve-bearer-principal";
import { type MintOptions, TEST_IDENTITIES, type TestIdentity, bearerHeader } from "./testing/test-tokens";

useTestDatabase();

beforeAll(async () => {
  await seedDemoIdentity(getDb());
});

const ENV_KEYS = ["ENTRA_TENANT_ID", "ENTRA_CLIENT_ID"] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetSettingsCache();
});

const requestAs = async (identity: TestIdentity, options?: MintOptions) =>
  new Request("http://localhost/api", { headers: await bearerHeader(identity, options) });

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a failure");
};

describe("resolveBearerPrincipal", () => {
  it("maps the token to the principal", async () => {
    expect(await resolveBearerPrincipal(await requestAs(TEST_IDENTITIES.contosoContributor))).toEqual({
      userId: "user-contoso-contributor",
      tenantId: "contoso",
      role: "Contributor",
      displayName: "Casey Contributor",
      clientId: "audience-insights-spa",
    });
    // A machine client's token has no name: its client id shows in the audit log instead.
    const connector = { sub: "audience-insights-connector", tid: "contoso", roles: ["Contributor"] };
    const machine = await requestAs(connector, { claims: { name: undefined, preferred_username: undefined, client_id: connector.sub } });
    expect(await resolveBearerPrincipal(machine)).toEqual({
      userId: "audience-insights-connector",
      tenantId: "contoso",
      role: "Contributor",
      displayName: "audience-insights-connector",
      clientId: "audience-insights-connector",
    });
  });

  it("embedded mode: a token for a tenant this database does not know is refused and provisions nothing", async () => {
    const result = await failure(resolveBearerPrincipal(await requestAs({ ...TEST_IDENTITIES.contosoAdmin, tid: "initech" })));
    expect(result.code).toBe("unauthorized");
    expect(await getDb().tenant.findUnique({ where: { id: "initech" } })).toBeNull();
  });

  it("Entra mode: a directory's first user provisions its tenant, once, even under concurrent first requests", async () => {
    const directory = "44444444-4444-4444-8444-444444444444";
    process.env.ENTRA_TENANT_ID = directory;
    process.env.ENTRA_CLIENT_ID = "55555555-5555-4555-8555-555555555555";
    resetSettingsCache();
    const user = { sub: "entra-user", tid: directory, roles: ["Viewer"], name: "Entra Viewer" };
    const principals = await Promise.all(Array.from({ length: 5 }, async () => resolveBearerPrincipal(await requestAs(user))));
    expect(principals.map((p) => p.tenantId)).toEqual(Array(5).fill(directory));
    expect(await getDb().tenant.findMany({ where: { id: directory } })).toEqual([
      expect.objectContaining({ id: directory, name: directory }),
    ]);
    // The role still decides: a token without one of the product's roles is 403, tenant or not.
    expect((await failure(resolveBearerPrincipal(await requestAs({ ...user, roles: [] })))).code).toBe("forbidden");
  });
});
