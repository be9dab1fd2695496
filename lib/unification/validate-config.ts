import { isSupportedCountry } from "libphonenumber-js";
import { attributeTypesOf } from "./attribute-definitions";
import { policyAppliesTo } from "./engine/merge-profile";
import type { TUnificationConfigInput } from "./schemas";
import type { z } from "zod";
import type { ZUnificationConfig } from "./schemas";

export type ConfigIssue = { path: string; message: string };

// Server-side sentences (the schema's own are in schemas.ts); lib/i18n/zod-messages.ts maps each
// to its catalog entry, so keep them in step.
export const configIssueMessages = {
  unknownAttribute: "No standard or custom attribute has this name.",
  unknownDataSource: "The data source was not found in this instance.",
  unmappedSource: "Map this data source before ordering it.",
  policyType: "This merge policy does not apply to the attribute's type.",
  duplicateRuleId: "Two rules have the same id.",
  phoneCountry: "Phone numbers are not known for this country code.",
} as const;

/**
 * The configuration's cross-references, which its schema cannot see: attributes named by
 * mappings, rules and policies exist (standard or custom) and policies suit their types; the
 * sources a priority orders are mapped ones; rule ids are unique. Whether the mapped data
 * sources belong to the instance needs the database: `knownDataSourceIds` says which do.
 */
export const validateConfig = (
  config: z.infer<typeof ZUnificationConfig> | TUnificationConfigInput,
  knownDataSourceIds: ReadonlySet<string>,
): ConfigIssue[] => {
  const issues: ConfigIssue[] = [];
  // An unknown country would turn every phone number without a +prefix into "no value", silently.
  if (config.defaultPhoneCountry !== undefined && !isSupportedCountry(config.defaultPhoneCountry.toUpperCase() as never)) {
    issues.push({ path: "defaultPhoneCountry", message: configIssueMessages.phoneCountry });
  }
  const types = attributeTypesOf(config.customAttributes);
  const attribute = (path: string, name: string) => {
    if (!types.has(name)) issues.push({ path, message: configIssueMessages.unknownAttribute });
  };

  const mapped = new Set<string>();
  config.sources.forEach((source, i) => {
    mapped.add(source.dataSourceId);
    if (!knownDataSourceIds.has(source.dataSourceId)) issues.push({ path: `sources.${i}.dataSourceId`, message: configIssueMessages.unknownDataSource });
    source.columns.forEach((column, j) => attribute(`sources.${i}.columns.${j}.attribute`, column.attribute));
  });

  const ruleIds = new Set<string>();
  config.rules.forEach((rule, i) => {
    if (rule.id) {
      if (ruleIds.has(rule.id)) issues.push({ path: `rules.${i}.id`, message: configIssueMessages.duplicateRuleId });
      ruleIds.add(rule.id);
    }
    rule.conditions.forEach((condition, j) => attribute(`rules.${i}.conditions.${j}.attribute`, condition.attribute));
  });

  for (const [name, policy] of Object.entries(config.mergePolicies ?? {})) {
    const type = types.get(name);
    if (!type) {
      issues.push({ path: `mergePolicies.${name}`, message: configIssueMessages.unknownAttribute });
      continue;
    }
    if (!policyAppliesTo(policy.kind, type)) issues.push({ path: `mergePolicies.${name}.kind`, message: configIssueMessages.policyType });
    if (policy.kind === "sourcePriority") {
      policy.sourceOrder.forEach((id, i) => {
        if (!mapped.has(id)) issues.push({ path: `mergePolicies.${name}.sourceOrder.${i}`, message: configIssueMessages.unmappedSource });
      });
    }
  }
  return issues;
};
