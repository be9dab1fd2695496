import { beforeAll, describe, expect, it } from "vitest";
import * as configRoute from "@/app/api/v1/instances/[instanceId]/unification/config/route";
import * as sourceRoute from "@/app/api/v1/instances/[instanceId]/data-sources/[dataSourceId]/route";
import { callRoute } from "../api/testing/call-route";
import { getDb } from "../db/client";
import { DEMO_INSTANCE_ID, seedDemoIdentity } from "../seed/demo-identity";
import { createSource, scope } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import type { TUnificationConfigView } from "./get-config";

useTestDatabase();

const path = `/api/v1/instances/${DEMO_INSTANCE_ID}/unification/config`;
const params = { instanceId: DEMO_INSTANCE_ID };
const put = (body: unknown) => callRoute<TUnificationConfigView & { error?: any }>(configRoute.PUT, { as: "Admin", method: "PUT", path, params, body });
const get = () => callRoute<TUnificationConfigView>(configRoute.GET, { as: "Viewer", method: "GET", path, params });

let crm = "";
let shop = "";
let foreign = "";

beforeAll(async () => {
  const db = getDb();
  await seedDemoIdentity(db);
  crm = (await createSource({ kind: "upload", name: "CRM" })).id;
  shop = (await createSource({ kind: "upload", name: "Shop" })).id;
  await db.tenant.upsert({ where: { id: "fabrikam" }, update: {}, create: { id: "fabrikam", name: "Fabrikam" } });
  await db.instance.upsert({ where: { id: "fabrikam-x" }, update: {}, create: { id: "fabrikam-x", tenantId: "fabrikam", name: "Fabrikam" } });
  foreign = (await db.dataSource.create({ data: { tenantId: "fabrikam", instanceId: "fabrikam-x", name: "Theirs", kind: "upload", requiredColumns: [] } })).id;
});

const validConfig = () => ({
  customAttributes: [{ name: "loyaltyPoints", type: "number" }],
  sources: [
    { dataSourceId: crm, primaryKeyColumn: "id", columns: [{ column: "mail", attribute: "email" }, { column: "points", attribute: "loyaltyPoints" }] },
    { dataSourceId: shop, primaryKeyColumn: "order", recencyColumn: "date", columns: [{ column: "email", attribute: "email" }, { column: "first", attribute: "firstName" }] },
  ],
  rules: [{ name: "Same email", conditions: [{ attribute: "email", normalizations: ["canonicalEmail"] }] }],
  mergePolicies: { loyaltyPoints: { kind: "sum" }, firstName: { kind: "sourcePriority", sourceOrder: [shop, crm] } },
  defaultPhoneCountry: "es",
});

const auditCount = () => getDb().auditEntry.count({ where: { ...scope, action: "unification.configUpdated" } });

describe("unification configuration", () => {
  it("reads an empty configuration with the standard attributes before any is saved", async () => {
    const result = await get();
    expect(result.status).toBe(200);
    expect(result.json.config).toEqual({ customAttributes: [], sources: [], rules: [], mergePolicies: {}, defaultPhoneCountry: "US" });
    expect(result.json.updatedAt).toBeNull();
    expect(result.json.attributes.map((a) => a.name)).toEqual(["email", "phone", "firstName", "lastName", "city", "postalCode", "country", "birthDate"]);
  });

  it("replaces it as a whole, assigns rule ids, keeps them across saves, and audits each save", async () => {
    const first = await put(validConfig());
    expect(first.status, first.text).toBe(200);
    const ruleId = first.json.config.rules[0]!.id;
    expect(ruleId).toMatch(/^rule_[a-z0-9]+$/);
    expect(first.json.config.defaultPhoneCountry).toBe("ES");
    expect(first.json.config.sources.map((s) => s.dataSourceId)).toEqual([crm, shop]);
    expect(first.json.config.sources[0]).toMatchObject({ recencyColumn: null, recencyDateFormat: "iso" });
    expect(first.json.attributes.at(-1)).toEqual({ name: "loyaltyPoints", type: "number", standard: false });
    expect(await auditCount()).toBe(1);

    // Reading it back gives the same document, which PUT accepts again unchanged.
    const read = await get();
    expect(read.json.config).toEqual(first.json.config);
    const again = await put({ ...read.json.config, sources: [...read.json.config.sources].reverse() });
    expect(again.status).toBe(200);
    expect(again.json.config.rules[0]!.id).toBe(ruleId);
    expect(again.json.config.sources.map((s) => s.dataSourceId)).toEqual([shop, crm]);
    expect(await auditCount()).toBe(2);
    const entry = await getDb().auditEntry.findFirstOrThrow({ where: { ...scope, action: "unification.configUpdated" }, orderBy: { createdAt: "desc" } });
    expect(Object.keys(entry.changes as object)).toEqual(["sources"]);
  });

  it.each([
    ["an unknown attribute in a mapping", (c: any) => (c.sources[0].columns[0].attribute = "emial"), "sources.0.columns.0.attribute"],
    ["an unknown attribute in a rule", (c: any) => (c.rules[0].conditions[0].attribute = "nickname"), "rules.0.conditions.0.attribute"],
    ["a policy for an unknown attribute", (c: any) => (c.mergePolicies.shoeSize = { kind: "max" }), "mergePolicies.shoeSize"],
    ["a sum of a text attribute", (c: any) => (c.mergePolicies.city = { kind: "sum" }), "mergePolicies.city.kind"],
    ["an unmapped source in a priority", (c: any) => (c.mergePolicies.firstName.sourceOrder = [foreign]), "mergePolicies.firstName.sourceOrder.0"],
    ["another tenant's data source", (c: any) => (c.sources[1].dataSourceId = foreign), "sources.1.dataSourceId"],
    ["a data source that does not exist", (c: any) => (c.sources[0].dataSourceId = "ds_nowhere"), "sources.0.dataSourceId"],
    ["two rules with one id", (c: any) => c.rules.push({ ...c.rules[0], id: "rule_same" }, { ...c.rules[0], id: "rule_same" }), "rules.2.id"],
    ["a custom attribute with an unknown type", (c: any) => (c.customAttributes[0].type = "money"), "customAttributes.0.type"],
    ["a custom attribute named like a standard one", (c: any) => c.customAttributes.push({ name: "email", type: "text" }), "customAttributes.1.name"],
    // Every JavaScript object has these: the engine would read them as every record's value.
    ["a custom attribute named constructor", (c: any) => c.customAttributes.push({ name: "constructor", type: "text" }), "customAttributes.1.name"],
    ["a phone country with no numbering plan", (c: any) => (c.defaultPhoneCountry = "ZZ"), "defaultPhoneCountry"],
  ])("refuses %s with 422 and the issue's path, writing nothing", async (_, spoil, issuePath) => {
    const before = await get();
    const audits = await auditCount();
    const config = validConfig();
    spoil(config);
    const result = await put(config);
    expect(result.status, result.text).toBe(422);
    expect(result.json.error.code).toBe("validation_failed");
    expect(result.json.error.details.issues.map((i: { path: string }) => i.path)).toContain(issuePath);
    expect((await get()).json).toEqual(before.json);
    expect(await auditCount()).toBe(audits);
  });

  it("is the Admin's to change", async () => {
    const result = await callRoute(configRoute.PUT, { as: "Contributor", method: "PUT", path, params, body: validConfig() });
    expect(result.status).toBe(403);
  });

  it("loses a deleted data source's mapping and its place in priorities; the rest reads as saved", async () => {
    const extra = (await createSource({ kind: "upload", name: "Extra" })).id;
    const config = validConfig();
    config.sources.push({ dataSourceId: extra, primaryKeyColumn: "id", columns: [{ column: "mail", attribute: "email" }] } as any);
    config.mergePolicies.firstName.sourceOrder = [extra, shop, crm];
    expect((await put(config)).status).toBe(200);
    const deleted = await callRoute(sourceRoute.DELETE, { as: "Contributor", method: "DELETE", path: "/x", params: { instanceId: DEMO_INSTANCE_ID, dataSourceId: extra } });
    expect(deleted.status, deleted.text).toBeLessThan(300);
    const read = await get();
    expect(read.json.config.sources.map((s) => s.dataSourceId)).toEqual([crm, shop]);
    expect((read.json.config.mergePolicies.firstName as { sourceOrder: string[] }).sourceOrder).toEqual([shop, crm]);
    expect((await put(read.json.config)).status).toBe(200);
  });
});
