"use client";

import { Button, Checkbox, Field, Input, Select } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons/svg/add";
import { ArrowDownRegular } from "@fluentui/react-icons/svg/arrow-down";
import { ArrowUpRegular } from "@fluentui/react-icons/svg/arrow-up";
import { DeleteRegular } from "@fluentui/react-icons/svg/delete";
import { useRef } from "react";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { normalizations, precisions, type TPrecision } from "@/lib/unification/attributes";
import { fuzzyLevels } from "@/lib/unification/engine/fuzzy-levels";
import type { TAttributeDefinition } from "@/lib/unification/schemas";
import { attributeLabel } from "./attribute-label";
import { type FormCondition, type FormRule, moveItem, newKey, type UnifyForm } from "./unify-form";
import { useUnifyStyles } from "./unify.styles";

type Props = {
  form: UnifyForm;
  onChange: (update: (form: UnifyForm) => UnifyForm) => void;
  errors: Record<string, string>;
  readOnly: boolean;
  attributes: TAttributeDefinition[];
  /** Matched pairs per rule id in the last run whose match stage succeeded; null when there is none. */
  matchedPairs: Map<string, number> | null;
};

const newCondition = (attribute: string): FormCondition => ({ key: newKey("condition"), attribute, normalizations: ["trim", "lowercase"], precision: "exact" });

/** What a precision means, in words: the engine's levels (lib/unification/engine/fuzzy-levels.ts) fill in the numbers. */
export const usePrecisionDescription = () => {
  const t = useT();
  return (precision: TPrecision) =>
    precision === "exact"
      ? t("unify.precision.exact.description")
      : t(`unify.precision.${precision}.description`, {
          similarity: fuzzyLevels[precision].minSimilarityPercent,
          edits: fuzzyLevels[precision].maxEdits,
        });
};

/** Match: the ordered rules; any rule whose conditions all hold links two records. Loaded with the tab. */
export default function MatchPanel({ form, onChange, errors, readOnly, attributes, matchedPairs }: Props) {
  const styles = useUnifyStyles();
  const t = useT();
  const format = useFormat();
  const describePrecision = usePrecisionDescription();
  const ruleHeadings = useRef(new Map<string, HTMLHeadingElement | null>());

  const setRules = (update: (rules: FormRule[]) => FormRule[]) => onChange((current) => ({ ...current, rules: update(current.rules) }));
  const setRule = (key: string, update: (rule: FormRule) => FormRule) => setRules((rules) => rules.map((rule) => (rule.key === key ? update(rule) : rule)));
  const setCondition = (ruleKey: string, conditionKey: string, change: Partial<FormCondition>) =>
    setRule(ruleKey, (rule) => ({ ...rule, conditions: rule.conditions.map((c) => (c.key === conditionKey ? { ...c, ...change } : c)) }));
  // After a move the rule's own button may be gone (first or last place): focus follows the rule.
  const focusRule = (key: string) => requestAnimationFrame(() => ruleHeadings.current.get(key)?.focus());
  const firstAttribute = attributes[0]?.name ?? "email";

  return (
    <div className={styles.stack}>
      <section className={styles.panel} aria-labelledby="unify-match-settings">
        <h2 id="unify-match-settings" className={styles.sectionTitle}>
          {t("unify.match.title")}
        </h2>
        <p className={styles.hint}>{t("unify.match.intro")}</p>
        <Field
          className={styles.narrowField}
          label={t("unify.match.phoneCountry")}
          hint={t("unify.match.phoneCountryHint")}
          data-field="defaultPhoneCountry"
          validationMessage={errors.defaultPhoneCountry}
        >
          <Input
            value={form.defaultPhoneCountry}
            readOnly={readOnly}
            maxLength={2}
            onChange={(_, data) => onChange((current) => ({ ...current, defaultPhoneCountry: data.value.toUpperCase() }))}
          />
        </Field>
        {errors.rules ? <p className={styles.error}>{errors.rules}</p> : null}
        {form.rules.length === 0 ? <p className={styles.muted}>{t("unify.match.noRules")}</p> : null}
      </section>

      <ol className={styles.stack} style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label={t("unify.match.rules")}>
        {form.rules.map((rule, index) => {
          const title = rule.name.trim() || t("unify.match.untitled", { number: index + 1 });
          const pairs = rule.id ? matchedPairs?.get(rule.id) : undefined;
          return (
            <li key={rule.key} className={styles.rule} aria-labelledby={`rule-heading-${rule.key}`}>
              <div className={styles.ruleHeader}>
                <h3
                  id={`rule-heading-${rule.key}`}
                  className={styles.sectionTitle}
                  tabIndex={-1}
                  ref={(element) => {
                    ruleHeadings.current.set(rule.key, element);
                  }}
                >
                  {t("unify.match.ruleHeading", { number: index + 1, name: title })}
                </h3>
                <span className={styles.muted}>
                  {pairs !== undefined
                    ? t("unify.match.matchedPairs", { count: format.number(pairs) })
                    : matchedPairs
                      ? t("unify.match.notRunYet")
                      : t("unify.match.noRunYet")}
                </span>
              </div>
              <div className={styles.row}>
                <Field className={styles.field} label={t("unify.match.ruleName", { number: index + 1 })} required data-field={`rules.${rule.key}.name`} validationMessage={errors[`rules.${rule.key}.name`]}>
                  <Input value={rule.name} readOnly={readOnly} onChange={(_, data) => setRule(rule.key, (r) => ({ ...r, name: data.value }))} />
                </Field>
                {readOnly ? null : (
                  <div className={styles.actions}>
                    <Button
                      icon={<ArrowUpRegular />}
                      disabled={index === 0}
                      aria-label={t("unify.match.moveUp", { name: title })}
                      onClick={() => {
                        setRules((rules) => moveItem(rules, index, index - 1));
                        focusRule(rule.key);
                      }}
                    >
                      {t("unify.moveUp")}
                    </Button>
                    <Button
                      icon={<ArrowDownRegular />}
                      disabled={index === form.rules.length - 1}
                      aria-label={t("unify.match.moveDown", { name: title })}
                      onClick={() => {
                        setRules((rules) => moveItem(rules, index, index + 1));
                        focusRule(rule.key);
                      }}
                    >
                      {t("unify.moveDown")}
                    </Button>
                    <Button
                      icon={<DeleteRegular />}
                      aria-label={t("unify.match.removeRule", { name: title })}
                      onClick={() => setRules((rules) => rules.filter((r) => r.key !== rule.key))}
                    >
                      {t("unify.remove")}
                    </Button>
                  </div>
                )}
              </div>
              {errors[`rules.${rule.key}`] ? <p className={styles.error}>{errors[`rules.${rule.key}`]}</p> : null}
              {errors[`rules.${rule.key}.conditions`] ? <p className={styles.error}>{errors[`rules.${rule.key}.conditions`]}</p> : null}
              {rule.conditions.map((condition, conditionIndex) => {
                const path = `rules.${rule.key}.conditions.${condition.key}`;
                const conditionName = t("unify.match.conditionName", { number: conditionIndex + 1, rule: title });
                const known = attributes.some((attribute) => attribute.name === condition.attribute);
                return (
                  <div key={condition.key} className={styles.condition} role="group" aria-label={conditionName}>
                    <Field label={t("unify.match.attribute")} data-field={`${path}.attribute`} validationMessage={errors[`${path}.attribute`]}>
                      <Select
                        value={condition.attribute}
                        disabled={readOnly}
                        onChange={(_, data) => setCondition(rule.key, condition.key, { attribute: data.value })}
                      >
                        {known ? null : <option value={condition.attribute}>{condition.attribute}</option>}
                        {attributes.map((attribute) => (
                          <option key={attribute.name} value={attribute.name}>
                            {attributeLabel(attribute.name, t)}
                          </option>
                        ))}
                      </Select>
                    </Field>
                    <fieldset className={styles.checkboxes} data-field={`${path}.normalizations`}>
                      <legend className={styles.legend}>{t("unify.match.normalizations")}</legend>
                      {normalizations.map((normalization) => (
                        <Checkbox
                          key={normalization}
                          label={t(`unify.normalization.${normalization}`)}
                          checked={condition.normalizations.includes(normalization)}
                          disabled={readOnly}
                          onChange={(_, data) =>
                            setCondition(rule.key, condition.key, {
                              // Kept in the vocabulary's order, which is the order they are applied in.
                              normalizations: normalizations.filter((n) => (n === normalization ? data.checked === true : condition.normalizations.includes(n))),
                            })
                          }
                        />
                      ))}
                      {errors[`${path}.normalizations`] ? <p className={styles.error}>{errors[`${path}.normalizations`]}</p> : null}
                    </fieldset>
                    <Field label={t("unify.match.precision")} hint={describePrecision(condition.precision)} data-field={`${path}.precision`} validationMessage={errors[`${path}.precision`]}>
                      <Select
                        value={condition.precision}
                        disabled={readOnly}
                        onChange={(_, data) => setCondition(rule.key, condition.key, { precision: data.value as TPrecision })}
                      >
                        {precisions.map((precision) => (
                          <option key={precision} value={precision}>
                            {t(`unify.precision.${precision}`)}
                          </option>
                        ))}
                      </Select>
                    </Field>
                    {readOnly ? null : (
                      <Button
                        icon={<DeleteRegular />}
                        disabled={rule.conditions.length === 1}
                        aria-label={t("unify.match.removeCondition", { name: conditionName })}
                        onClick={() => setRule(rule.key, (r) => ({ ...r, conditions: r.conditions.filter((c) => c.key !== condition.key) }))}
                      />
                    )}
                  </div>
                );
              })}
              {readOnly ? null : (
                <div>
                  <Button
                    icon={<AddRegular />}
                    aria-label={t("unify.match.addConditionTo", { name: title })}
                    onClick={() => setRule(rule.key, (r) => ({ ...r, conditions: [...r.conditions, newCondition(firstAttribute)] }))}
                  >
                    {t("unify.match.addCondition")}
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {readOnly ? null : (
        <div>
          <Button
            appearance="primary"
            icon={<AddRegular />}
            onClick={() => setRules((rules) => [...rules, { key: newKey("rule"), name: "", conditions: [newCondition(firstAttribute)] }])}
          >
            {t("unify.match.addRule")}
          </Button>
        </div>
      )}
    </div>
  );
}
