import { describe, expect, it } from "vitest";
import { attributeTypes } from "@/lib/unification/attributes";
import { ZUnificationConfig, type TUnificationConfig } from "@/lib/unification/schemas";
import {
  configToForm,
  fieldErrorsOf,
  fieldOfIssue,
  fittingPolicy,
  formToConfig,
  mergePoliciesFor,
  moveItem,
  priorityOrder,
  removeCustomAttribute,
  renameCustomAttribute,
  tabOfField,
  type UnifyForm,
} from "./unify-form";

const dataSources = [
  { id: "crm", name: "CRM contacts", columns: ["contactId", "email", "first", "updated", "tier"] },
  { id: "web", name: "Web orders", columns: ["orderId", "mail", "total"] },
  { id: "pos", name: "Point of sale", columns: null },
];

const config = (): TUnificationConfig =>
  ZUnificationConfig.parse({
    customAttributes: [{ name: "loyaltyTier", type: "text" }],
    sources: [
      {
        dataSourceId: "web",
        primaryKeyColumn: "orderId",
        columns: [{ column: "mail", attribute: "email" }],
      },
      {
        dataSourceId: "crm",
        primaryKeyColumn: "contactId",
        recencyColumn: "updated",
        recencyDateFormat: "dmy",
        columns: [
          { column: "email", attribute: "email" },
          { column: "first", attribute: "firstName" },
          { column: "tier", attribute: "loyaltyTier" },
        ],
      },
    ],
    rules: [{ id: "rule_email", name: "Email", conditions: [{ attribute: "email", normalizations: ["trim", "canonicalEmail"], precision: "exact" }] }],
    mergePolicies: { firstName: { kind: "sourcePriority", sourceOrder: ["crm", "web"] }, loyaltyTier: { kind: "longest" } },
    defaultPhoneCountry: "ES",
  }) as TUnificationConfig;

describe("configToForm and formToConfig", () => {
  it("give back the configuration they were given", () => {
    const form = configToForm(config(), dataSources);
    expect(formToConfig(form)).toEqual(ZUnificationConfig.parse(formToConfig(form)));
    expect(ZUnificationConfig.parse(formToConfig(form))).toEqual(config());
  });

  it("list every data source: mapped ones first in the configuration's order, then the others, not included", () => {
    const form = configToForm(config(), dataSources);
    expect(form.sources.map((s) => [s.dataSourceId, s.included])).toEqual([
      ["web", true],
      ["crm", true],
      ["pos", false],
    ]);
    expect(form.sources[2]!.columns).toEqual([]);
  });

  it("keep offering a mapped column the last refresh no longer has", () => {
    const form = configToForm(config(), [{ id: "web", name: "Web orders", columns: ["orderId"] }, dataSources[0]!]);
    expect(form.sources.find((s) => s.dataSourceId === "web")!.columns).toEqual(["orderId", "mail"]);
  });

  it("leave out sources not included, unmapped columns, and the default policy", () => {
    const form = configToForm(config(), dataSources);
    const changed: UnifyForm = {
      ...form,
      sources: form.sources.map((s) =>
        s.dataSourceId === "web"
          ? { ...s, included: false }
          : s.dataSourceId === "crm"
            ? { ...s, mappings: { ...s.mappings, first: { attribute: "", dateFormat: "iso" } } }
            : s,
      ),
      mergePolicies: { ...form.mergePolicies, email: { kind: "firstNonEmpty", sourceOrder: [] } },
    };
    const out = formToConfig(changed);
    expect(out.sources.map((s) => s.dataSourceId)).toEqual(["crm"]);
    expect(out.sources[0]!.columns.map((c) => c.column)).toEqual(["email", "tier"]);
    expect(out.mergePolicies).toEqual({ firstName: { kind: "sourcePriority", sourceOrder: ["crm"] }, loyaltyTier: { kind: "longest" } });
  });

  it("write no recency format without a recency column, and date formats only for date attributes", () => {
    const form = configToForm(config(), dataSources);
    const crm = form.sources.find((s) => s.dataSourceId === "crm")!;
    const changed: UnifyForm = {
      ...form,
      sources: form.sources.map((s) =>
        s === crm ? { ...s, recencyColumn: "", mappings: { ...s.mappings, email: { attribute: "email", dateFormat: "mdy" }, updated: { attribute: "birthDate", dateFormat: "mdy" } } } : s,
      ),
    };
    const out = formToConfig(changed).sources.find((s) => s.dataSourceId === "crm")!;
    expect(out.recencyColumn).toBeNull();
    expect(out.recencyDateFormat).toBe("iso");
    expect(out.columns.find((c) => c.column === "email")!.dateFormat).toBe("iso");
    expect(out.columns.find((c) => c.column === "updated")!.dateFormat).toBe("mdy");
  });

  it("keep rule ids, and send none for a new rule", () => {
    const form = configToForm(config(), dataSources);
    form.rules.push({ key: "k", name: "Phone", conditions: [{ key: "c", attribute: "phone", normalizations: ["phoneE164"], precision: "exact" }] });
    const rules = formToConfig(form).rules;
    expect(rules[0]!.id).toBe("rule_email");
    expect(rules[1]).not.toHaveProperty("id");
  });
});

describe("formToConfig and merge policies", () => {
  it("sends the default, as the Merge tab shows, for a policy the attribute's changed type no longer takes", () => {
    const form = configToForm(config(), dataSources);
    const changed: UnifyForm = { ...form, customAttributes: form.customAttributes.map((a) => ({ ...a, type: "number" as const })) };
    expect(fittingPolicy(changed.mergePolicies.loyaltyTier, "number").kind).toBe("firstNonEmpty");
    expect(formToConfig(changed).mergePolicies).toEqual({ firstName: { kind: "sourcePriority", sourceOrder: ["crm", "web"] } });
    expect(formToConfig(form).mergePolicies?.loyaltyTier).toEqual({ kind: "longest" });
  });
});

describe("priorityOrder", () => {
  it("keeps the chosen order of included sources and appends included sources it does not list", () => {
    const form = configToForm(config(), dataSources);
    expect(priorityOrder(["crm"], form)).toEqual(["crm", "web"]);
    const withPos = { ...form, sources: form.sources.map((s) => (s.dataSourceId === "pos" ? { ...s, included: true } : s)) };
    expect(priorityOrder(["pos", "gone", "crm"], withPos)).toEqual(["pos", "crm", "web"]);
  });
});

describe("moveItem", () => {
  it("moves one item, clamped to the list, without changing the original", () => {
    const list = ["a", "b", "c", "d"];
    expect(moveItem(list, 0, 1)).toEqual(["b", "a", "c", "d"]);
    expect(moveItem(list, 3, 2)).toEqual(["a", "b", "d", "c"]);
    expect(moveItem(list, 1, 10)).toEqual(["a", "c", "d", "b"]);
    expect(moveItem(list, 0, -1)).toEqual(list);
    expect(moveItem(list, 7, 0)).toEqual(list);
    expect(list).toEqual(["a", "b", "c", "d"]);
  });

  it("moved down then up gives the list back", () => {
    const list = [1, 2, 3, 4, 5];
    for (let i = 0; i < list.length - 1; i++) expect(moveItem(moveItem(list, i, i + 1), i + 1, i)).toEqual(list);
  });
});

describe("removeCustomAttribute", () => {
  it("takes the attribute's column mappings and merge policy with it", () => {
    const form = configToForm(config(), dataSources);
    const key = form.customAttributes[0]!.key;
    const out = removeCustomAttribute(form, key);
    expect(out.customAttributes).toEqual([]);
    expect(out.sources.find((s) => s.dataSourceId === "crm")!.mappings.tier).toBeUndefined();
    expect(out.mergePolicies.loyaltyTier).toBeUndefined();
    expect(formToConfig(out).sources.find((s) => s.dataSourceId === "crm")!.columns.map((c) => c.attribute)).toEqual(["email", "firstName"]);
  });
});

describe("renameCustomAttribute", () => {
  it("takes the attribute's merge policy, column mappings and rule conditions to the new name", () => {
    const form = configToForm(config(), dataSources);
    const withCondition: UnifyForm = {
      ...form,
      rules: form.rules.map((rule) => ({ ...rule, conditions: [...rule.conditions, { ...rule.conditions[0]!, key: "c-tier", attribute: "loyaltyTier" }] })),
    };
    const key = form.customAttributes[0]!.key;
    const renamed = renameCustomAttribute(withCondition, key, " tier ");
    expect(renamed.customAttributes[0]!.name).toBe(" tier ");
    expect(renamed.mergePolicies).toEqual({ firstName: form.mergePolicies.firstName, tier: { kind: "longest", sourceOrder: [] } });
    expect(renamed.sources.find((s) => s.dataSourceId === "crm")!.mappings.tier!.attribute).toBe("tier");
    expect(renamed.rules[0]!.conditions.map((c) => c.attribute)).toEqual(["email", "tier"]);
    expect(formToConfig(renamed)).toEqual(formToConfig({ ...renameCustomAttribute(form, key, "tier"), rules: renamed.rules }));
  });

  it("moves no policy for a name found on every object's prototype", () => {
    const form = configToForm(config(), dataSources);
    const added: UnifyForm = { ...form, customAttributes: [...form.customAttributes, { key: "proto", name: "constructor", type: "text" }] };
    expect(renameCustomAttribute(added, "proto", "constructorX").mergePolicies).toEqual(form.mergePolicies);
  });

  it("leaves another attribute's references alone while the old name is a duplicate", () => {
    const form = configToForm(config(), dataSources);
    const duplicate: UnifyForm = { ...form, customAttributes: [...form.customAttributes, { key: "dup", name: "email", type: "text" }] };
    const renamed = renameCustomAttribute(duplicate, "dup", "emails");
    expect(renamed.sources.find((s) => s.dataSourceId === "crm")!.mappings.email!.attribute).toBe("email");
    expect(renamed.rules[0]!.conditions[0]!.attribute).toBe("email");
  });
});

describe("mergePoliciesFor", () => {
  it("offers text the picking policies and longest", () => {
    expect(mergePoliciesFor("text")).toEqual(["sourcePriority", "mostRecent", "firstNonEmpty", "longest"]);
  });

  it("offers numbers max, min and sum, dates max and min, booleans only the picking policies", () => {
    expect(mergePoliciesFor("number")).toEqual(["sourcePriority", "mostRecent", "firstNonEmpty", "max", "min", "sum"]);
    expect(mergePoliciesFor("date")).toEqual(["sourcePriority", "mostRecent", "firstNonEmpty", "max", "min"]);
    expect(mergePoliciesFor("boolean")).toEqual(["sourcePriority", "mostRecent", "firstNonEmpty"]);
  });

  it("always offers the default, first non-empty", () => {
    for (const type of attributeTypes) expect(mergePoliciesFor(type)).toContain("firstNonEmpty");
  });
});

describe("fittingPolicy", () => {
  it("falls back to first non-empty when the policy no longer fits the type", () => {
    expect(fittingPolicy({ kind: "sum", sourceOrder: [] }, "text").kind).toBe("firstNonEmpty");
    expect(fittingPolicy({ kind: "max", sourceOrder: [] }, "date").kind).toBe("max");
    expect(fittingPolicy(undefined, "number").kind).toBe("firstNonEmpty");
  });
});

describe("fieldOfIssue", () => {
  const form = configToForm(config(), dataSources);

  it("names sources by data source id and columns by name, as the form shows them", () => {
    // Source 1 of the configuration is crm; its mapped columns are email, first, tier in header order.
    expect(fieldOfIssue(form, "sources.1.columns.2.attribute")).toBe("sources.crm.columns.tier");
    expect(fieldOfIssue(form, ["sources", 0, "primaryKeyColumn"])).toBe("sources.web.primaryKeyColumn");
    expect(fieldOfIssue(form, "sources.1.recencyDateFormat")).toBe("sources.crm.recencyColumn");
    expect(fieldOfIssue(form, "sources.0.columns")).toBe("sources.web.columns");
    expect(fieldOfIssue(form, "sources.0.dataSourceId")).toBe("sources.web");
    expect(fieldOfIssue(form, "sources.9.primaryKeyColumn")).toBe("sources");
  });

  it("names custom attributes, rules and conditions by their key, so errors stay on their item", () => {
    const rule = form.rules[0]!;
    const condition = rule.conditions[0]!;
    const attribute = form.customAttributes[0]!;
    expect(fieldOfIssue(form, "rules.0.conditions.0.attribute")).toBe(`rules.${rule.key}.conditions.${condition.key}.attribute`);
    expect(fieldOfIssue(form, "rules.0.conditions.0.precision")).toBe(`rules.${rule.key}.conditions.${condition.key}.precision`);
    expect(fieldOfIssue(form, "rules.0.conditions.5.precision")).toBe(`rules.${rule.key}.conditions`);
    expect(fieldOfIssue(form, "rules.0.conditions")).toBe(`rules.${rule.key}.conditions`);
    expect(fieldOfIssue(form, "rules.0.id")).toBe(`rules.${rule.key}`);
    expect(fieldOfIssue(form, "rules.3.name")).toBe("rules");
    expect(fieldOfIssue(form, "customAttributes.0.name")).toBe(`customAttributes.${attribute.key}.name`);
    expect(fieldOfIssue(form, "customAttributes.0")).toBe(`customAttributes.${attribute.key}.name`);
    expect(fieldOfIssue(form, "mergePolicies.firstName.sourceOrder.0")).toBe("mergePolicies.firstName");
    expect(fieldOfIssue(form, "defaultPhoneCountry")).toBe("defaultPhoneCountry");
    expect(fieldOfIssue(form, "")).toBe("form");
  });

  it("keeps an error on its rule after the rules are reordered", () => {
    const two: UnifyForm = { ...form, rules: [...form.rules, { key: "rule-second", name: "", conditions: [] }] };
    const field = fieldOfIssue(two, "rules.1.name");
    expect(field).toBe("rules.rule-second.name");
    const moved = { ...two, rules: moveItem(two.rules, 1, 0) };
    expect(moved.rules.find((r) => `rules.${r.key}.name` === field)?.name).toBe("");
  });

  it("puts each field on its tab", () => {
    expect(tabOfField("sources.crm.columns.tier")).toBe("map");
    expect(tabOfField("customAttributes.0.name")).toBe("map");
    expect(tabOfField("rules.0.name")).toBe("match");
    expect(tabOfField("defaultPhoneCountry")).toBe("match");
    expect(tabOfField("mergePolicies.firstName")).toBe("merge");
  });
});

describe("fieldErrorsOf", () => {
  it("keeps the first issue of each field", () => {
    const form = configToForm(config(), dataSources);
    expect(
      fieldErrorsOf(form, [
        { path: "rules.0.name", message: "first" },
        { path: ["rules", 0, "name"], message: "second" },
        { path: "sources.0.primaryKeyColumn", message: "key" },
      ]),
    ).toEqual({ [`rules.${form.rules[0]!.key}.name`]: "first", "sources.web.primaryKeyColumn": "key" });
  });

  it("points the schema's own issues at the form's fields", () => {
    const form = configToForm(config(), dataSources);
    const broken: UnifyForm = {
      ...form,
      sources: form.sources.map((s) => (s.dataSourceId === "crm" ? { ...s, primaryKeyColumn: "" } : s)),
      rules: form.rules.map((r) => ({ ...r, name: " " })),
      customAttributes: form.customAttributes.map((a) => ({ ...a, name: "Bad name" })),
    };
    const result = ZUnificationConfig.safeParse(formToConfig(broken));
    expect(result.success).toBe(false);
    const errors = fieldErrorsOf(
      broken,
      result.error!.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message })),
    );
    expect(Object.keys(errors).sort()).toEqual([`customAttributes.${form.customAttributes[0]!.key}.name`, `rules.${form.rules[0]!.key}.name`, "sources.crm.primaryKeyColumn"].sort());
  });
});
