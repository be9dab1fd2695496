import {
  type TAttributeType,
  type TDateFormat,
  type TMergePolicyKind,
  type TNormalization,
  type TPrecision,
  mergePolicyKinds,
  standardAttributes,
} from "@/lib/unification/attributes";
import { policyAppliesTo } from "@/lib/unification/engine/merge-profile";
import type { TAttributeDefinition, TMergePolicy, TUnificationConfig, TUnificationConfigInput } from "@/lib/unification/schemas";

// The Unify screen's editable state and its conversion to and from the configuration the API
// stores. Zod-free: the screen's first load needs it, the schema check loads on Save.
//
// The form lists every data source of the instance (mapped or not), with every column its last
// refresh read, so including a source or mapping a column is a switch, not a new row; the
// configuration keeps only what is included and mapped.

export type FormColumnMapping = { attribute: string; dateFormat: TDateFormat };

export type FormSource = {
  dataSourceId: string;
  name: string;
  included: boolean;
  primaryKeyColumn: string;
  /** "" for none. */
  recencyColumn: string;
  recencyDateFormat: TDateFormat;
  /** The columns to offer: the last refresh's header, then mapped columns it no longer has. */
  columns: string[];
  /** By column; a column without an entry (or with attribute "") feeds nothing. */
  mappings: Record<string, FormColumnMapping>;
};

/** `key` identifies an item in React lists while names and positions change. */
export type FormCustomAttribute = { key: string; name: string; type: TAttributeType };
export type FormCondition = { key: string; attribute: string; normalizations: TNormalization[]; precision: TPrecision };
export type FormRule = { key: string; id?: string; name: string; conditions: FormCondition[] };
export type FormPolicy = { kind: TMergePolicyKind; sourceOrder: string[] };

export type UnifyForm = {
  customAttributes: FormCustomAttribute[];
  sources: FormSource[];
  rules: FormRule[];
  /** By attribute name; an attribute without an entry takes firstNonEmpty. */
  mergePolicies: Record<string, FormPolicy>;
  defaultPhoneCountry: string;
};

export type FormDataSource = { id: string; name: string; columns: readonly string[] | null };

let keys = 0;
export const newKey = (prefix: string) => `${prefix}-${++keys}`;

const unique = (values: readonly string[]) => [...new Set(values.filter(Boolean))];

export const configToForm = (config: TUnificationConfig, dataSources: readonly FormDataSource[]): UnifyForm => {
  const byId = new Map(dataSources.map((ds) => [ds.id, ds]));
  const mapped = config.sources.filter((source) => byId.has(source.dataSourceId));
  const mappedIds = new Set(mapped.map((source) => source.dataSourceId));
  const sources: FormSource[] = [
    ...mapped.map((source) => {
      const ds = byId.get(source.dataSourceId)!;
      return {
        dataSourceId: ds.id,
        name: ds.name,
        included: true,
        primaryKeyColumn: source.primaryKeyColumn,
        recencyColumn: source.recencyColumn ?? "",
        recencyDateFormat: source.recencyDateFormat,
        columns: unique([...(ds.columns ?? []), ...source.columns.map((c) => c.column), source.primaryKeyColumn, source.recencyColumn ?? ""]),
        mappings: Object.fromEntries(source.columns.map((c) => [c.column, { attribute: c.attribute, dateFormat: c.dateFormat }])),
      };
    }),
    ...dataSources
      .filter((ds) => !mappedIds.has(ds.id))
      .map((ds) => ({
        dataSourceId: ds.id,
        name: ds.name,
        included: false,
        primaryKeyColumn: "",
        recencyColumn: "",
        recencyDateFormat: "iso" as const,
        columns: unique([...(ds.columns ?? [])]),
        mappings: {},
      })),
  ];
  return {
    customAttributes: config.customAttributes.map((attribute) => ({ key: newKey("attribute"), name: attribute.name, type: attribute.type })),
    sources,
    rules: config.rules.map((rule) => ({
      key: newKey("rule"),
      id: rule.id,
      name: rule.name,
      conditions: rule.conditions.map((condition) => ({
        key: newKey("condition"),
        attribute: condition.attribute,
        normalizations: [...condition.normalizations],
        precision: condition.precision,
      })),
    })),
    mergePolicies: Object.fromEntries(
      Object.entries(config.mergePolicies).map(([name, policy]) => [
        name,
        { kind: policy.kind, sourceOrder: policy.kind === "sourcePriority" ? [...policy.sourceOrder] : [] },
      ]),
    ),
    defaultPhoneCountry: config.defaultPhoneCountry,
  };
};

/** The attributes the form can use: the standard ones, then its custom ones (named ones only). */
export const formAttributes = (form: Pick<UnifyForm, "customAttributes">): TAttributeDefinition[] => [
  ...standardAttributes.map((attribute) => ({ name: attribute.name, type: attribute.type, standard: true })),
  ...form.customAttributes.filter((attribute) => attribute.name.trim()).map((attribute) => ({ name: attribute.name.trim(), type: attribute.type, standard: false })),
];

export const includedSources = (form: Pick<UnifyForm, "sources">) => form.sources.filter((source) => source.included);

/**
 * A source-priority order over the included sources: the order chosen, then included sources it
 * does not list yet (a source included later goes last), without sources no longer included.
 */
export const priorityOrder = (order: readonly string[], form: Pick<UnifyForm, "sources">): string[] => {
  const included = includedSources(form).map((source) => source.dataSourceId);
  const chosen = order.filter((id) => included.includes(id));
  return [...chosen, ...included.filter((id) => !chosen.includes(id))];
};

export const formToConfig = (form: UnifyForm): TUnificationConfigInput => {
  const attributes = new Map(formAttributes(form).map((attribute) => [attribute.name, attribute.type]));
  const mergePolicies: Record<string, TMergePolicy> = {};
  for (const [name, policy] of Object.entries(form.mergePolicies)) {
    const type = attributes.get(name);
    // The default needs no entry; a policy of an attribute removed since goes with it, and one
    // its (changed) type no longer takes is sent as the screen shows it: the default.
    if (!type || policy.kind === "firstNonEmpty" || !policyAppliesTo(policy.kind, type)) continue;
    mergePolicies[name] = policy.kind === "sourcePriority" ? { kind: "sourcePriority", sourceOrder: priorityOrder(policy.sourceOrder, form) } : { kind: policy.kind };
  }
  return {
    customAttributes: form.customAttributes.map((attribute) => ({ name: attribute.name.trim(), type: attribute.type })),
    sources: includedSources(form).map((source) => ({
      dataSourceId: source.dataSourceId,
      primaryKeyColumn: source.primaryKeyColumn,
      recencyColumn: source.recencyColumn || null,
      recencyDateFormat: source.recencyColumn ? source.recencyDateFormat : "iso",
      columns: source.columns
        .filter((column) => source.mappings[column]?.attribute)
        .map((column) => {
          const { attribute, dateFormat } = source.mappings[column]!;
          return { column, attribute, dateFormat: attributes.get(attribute) === "date" ? dateFormat : "iso" };
        }),
    })),
    rules: form.rules.map((rule) => ({
      ...(rule.id ? { id: rule.id } : {}),
      name: rule.name,
      conditions: rule.conditions.map((condition) => ({
        attribute: condition.attribute,
        normalizations: [...condition.normalizations],
        precision: condition.precision,
      })),
    })),
    mergePolicies,
    defaultPhoneCountry: form.defaultPhoneCountry,
  };
};

/** A copy of the list with the item at `from` moved to `to` (clamped); the same list when nothing moves. */
export const moveItem = <T>(list: readonly T[], from: number, to: number): T[] => {
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (from < 0 || from >= list.length || target === from) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item!);
  return next;
};

/** Removing a custom attribute takes its column mappings and merge policy with it; conditions on it stay, for the check to point at. */
export const removeCustomAttribute = (form: UnifyForm, key: string): UnifyForm => {
  const removed = form.customAttributes.find((attribute) => attribute.key === key);
  if (!removed) return form;
  const name = removed.name.trim();
  const { [name]: _dropped, ...mergePolicies } = form.mergePolicies;
  return {
    ...form,
    customAttributes: form.customAttributes.filter((attribute) => attribute.key !== key),
    sources: form.sources.map((source) => ({
      ...source,
      mappings: Object.fromEntries(Object.entries(source.mappings).filter(([, mapping]) => mapping.attribute !== name)),
    })),
    mergePolicies,
  };
};

/**
 * Renaming a custom attribute takes its merge policy, column mappings and rule conditions along,
 * which name it. While the old name is also another attribute's (a duplicate being typed), those
 * references are that attribute's too and stay.
 */
export const renameCustomAttribute = (form: UnifyForm, key: string, name: string): UnifyForm => {
  const renamed = form.customAttributes.find((attribute) => attribute.key === key);
  if (!renamed) return form;
  const customAttributes = form.customAttributes.map((attribute) => (attribute.key === key ? { ...attribute, name } : attribute));
  const from = renamed.name.trim();
  const to = name.trim();
  const shared = formAttributes(form).filter((attribute) => attribute.name === from).length > 1;
  if (!from || !to || from === to || shared) return { ...form, customAttributes };
  const rename = (attribute: string) => (attribute === from ? to : attribute);
  // Own entries only: a name such as "constructor" is on every object's prototype.
  const policy = Object.hasOwn(form.mergePolicies, from) ? form.mergePolicies[from] : undefined;
  const mergePolicies = Object.fromEntries(Object.entries(form.mergePolicies).filter(([attribute]) => attribute !== from));
  return {
    ...form,
    customAttributes,
    sources: form.sources.map((source) => ({
      ...source,
      mappings: Object.fromEntries(Object.entries(source.mappings).map(([column, mapping]) => [column, { ...mapping, attribute: rename(mapping.attribute) }])),
    })),
    rules: form.rules.map((rule) => ({
      ...rule,
      conditions: rule.conditions.map((condition) => ({ ...condition, attribute: rename(condition.attribute) })),
    })),
    mergePolicies: policy && !Object.hasOwn(mergePolicies, to) ? { ...mergePolicies, [to]: policy } : form.mergePolicies,
  };
};

/** The merge policies an attribute of this type can take (the engine's rule, which the API checks too), in the vocabulary's order. */
export const mergePoliciesFor = (type: TAttributeType): TMergePolicyKind[] => mergePolicyKinds.filter((kind) => policyAppliesTo(kind, type));

/** A policy that no longer fits the attribute's type (its custom type changed) falls back to the default. */
export const fittingPolicy = (policy: FormPolicy | undefined, type: TAttributeType): FormPolicy =>
  policy && policyAppliesTo(policy.kind, type) ? policy : { kind: "firstNonEmpty", sourceOrder: policy?.sourceOrder ?? [] };

export type FormTab = "map" | "match" | "merge";

const isIndex = (part: string | undefined) => part !== undefined && /^\d+$/.test(part);

/**
 * Where the form shows an issue of the configuration at `path` (a zod issue's path, or the API's
 * `details.issues[].path`, "sources.0.columns.2.attribute"): sources are addressed by data source
 * id and columns by name in the form, since the configuration numbers only what is included; custom
 * attributes, rules and conditions by their `key`.
 */
export const fieldOfIssue = (form: UnifyForm, path: string | readonly (string | number)[]): string => {
  const parts = (typeof path === "string" ? path.split(".") : path.map(String)).filter(Boolean);
  const [head, index, field, subIndex] = parts;
  if (head === "sources" && isIndex(index)) {
    const source = includedSources(form)[Number(index)];
    if (!source) return "sources";
    const base = `sources.${source.dataSourceId}`;
    if (field === "columns" && isIndex(subIndex)) {
      const mapped = source.columns.filter((column) => source.mappings[column]?.attribute);
      const column = mapped[Number(subIndex)];
      return column === undefined ? `${base}.columns` : `${base}.columns.${column}`;
    }
    if (field === "primaryKeyColumn" || field === "recencyColumn" || field === "columns") return `${base}.${field}`;
    if (field === "recencyDateFormat") return `${base}.recencyColumn`;
    return base;
  }
  // Custom attributes, rules and conditions by their stable key: an error stays on its item when
  // items are moved or removed.
  if (head === "customAttributes" && isIndex(index)) {
    const attribute = form.customAttributes[Number(index)];
    return attribute ? `customAttributes.${attribute.key}.name` : "customAttributes";
  }
  if (head === "rules" && isIndex(index)) {
    const rule = form.rules[Number(index)];
    if (!rule) return "rules";
    if (field === "conditions" && isIndex(subIndex)) {
      const condition = rule.conditions[Number(subIndex)];
      if (!condition) return `rules.${rule.key}.conditions`;
      const leaf = parts[4];
      return `rules.${rule.key}.conditions.${condition.key}.${leaf === "normalizations" || leaf === "precision" ? leaf : "attribute"}`;
    }
    if (field === "name" || field === "conditions") return `rules.${rule.key}.${field}`;
    return `rules.${rule.key}`;
  }
  if (head === "mergePolicies" && index !== undefined) return `mergePolicies.${index}`;
  if (head === "defaultPhoneCountry" || head === "customAttributes" || head === "sources" || head === "rules") return head;
  return "form";
};

export const tabOfField = (field: string): FormTab =>
  field.startsWith("rules") || field === "defaultPhoneCountry" ? "match" : field.startsWith("mergePolicies") ? "merge" : "map";

/** Field errors keyed as the form shows them; the first issue at a field wins. */
export const fieldErrorsOf = (
  form: UnifyForm,
  issues: ReadonlyArray<{ path: string | readonly (string | number)[]; message: string }>,
): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = fieldOfIssue(form, issue.path);
    if (!(field in out)) out[field] = issue.message;
  }
  return out;
};
