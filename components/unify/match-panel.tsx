"use client";

import { Button, Checkbox, Field, Input, Select } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons/svg/add";
import { ArrowDownRegular } from "@fluentui/react-icons/svg/arrow-down";
import { ArrowUpRegular } from "@fluentui/react-icons/svg/arrow-up";
import { DeleteRegular } from "@fluentui/react-icons/svg/delete";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { normalizations, precisions, type TPrecision } from "@/lib/unification/attributes";
import { fuzzyLevels } from "@/lib/unification/engine/fuzzy-levels";
import type { TAttributeDefinition } from "@/lib/unification/schemas";
import { attributeLabel } from "./attribute-label";
import { focusLater } from "./focus-later";
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

  const setRules = (update: (rules: FormRule[]) => FormRule[]) => onChange((current) => ({ ...current, rules: update(current.rules) }));
  const setRule = (key: string, update: (rule: FormRule) => FormRule) => setRules((rules) => rules.map((rule) => (rule.key === key ? update(rule) : rule)));
  const setCondition = (ruleKey: string, conditionKey: string, change: Partial<FormCondition>) =>
    setRule(ruleKey, (rule) => ({ ...rule, conditions: rule.conditions.map((c) => (c.key === conditionKey ? { ...c, ...change } : c)) }));
  const ids = {
    ruleName: (key: string) => `rule-${key}-name`,
    move: (key: string, direction: "up" | "down") => `rule-${key}-${direction}`,
    conditionAttribute: (key: string) => `condition-${key}-attribute`,
    addCondition: (key: string) => `rule-${key}-add-condition`,
    addRule: "unify-add-rule",
  };
  // Focus stays on the moved rule's button, or goes to the other one once the rule reaches an end (where it is disabled).
  const moveRule = (key: string, from: number, to: number) => {
    setRules((rules) => moveItem(rules, from, to));
    const last = form.rules.length - 1;
    focusLater(ids.move(key, to <= 0 ? "down" : to >= last ? "up" : to < from ? "up" : "down"));
  };
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
                <h3 id={`rule-heading-${rule.key}`} className={styles.sectionTitle}>
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
                  <Input id={ids.ruleName(rule.key)} value={rule.name} readOnly={readOnly} onChange={(_, data) => setRule(rule.key, (r) => ({ ...r, name: data.value }))} />
                </Field>
                {readOnly ? null : (
                  <div className={styles.actions}>
                    <Button
                      id={ids.move(rule.key, "up")}
                      icon={<ArrowUpRegular />}
                      disabledFocusable={index === 0}
                      aria-label={t("unify.match.moveUp", { name: title })}
                      onClick={() => moveRule(rule.key, index, index - 1)}
                    >
                      {t("unify.moveUp")}
                    </Button>
                    <Button
                      id={ids.move(rule.key, "down")}
                      icon={<ArrowDownRegular />}
                      disabledFocusable={index === form.rules.length - 1}
                      aria-label={t("unify.match.moveDown", { name: title })}
                      onClick={() => moveRule(rule.key, index, index + 1)}
                    >
                      {t("unify.moveDown")}
                    </Button>
                    <Button
                      icon={<DeleteRegular />}
                      aria-label={t("unify.match.removeRule", { name: title })}
                      onClick={() => {
                        const next = form.rules[index + 1];
                        setRules((rules) => rules.filter((r) => r.key !== rule.key));
                        focusLater(next ? ids.ruleName(next.key) : ids.addRule);
                      }}
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
                        id={ids.conditionAttribute(condition.key)}
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
                        onClick={() => {
                          const next = rule.conditions[conditionIndex + 1];
                          setRule(rule.key, (r) => ({ ...r, conditions: r.conditions.filter((c) => c.key !== condition.key) }));
                          focusLater(next ? ids.conditionAttribute(next.key) : ids.addCondition(rule.key));
                        }}
                      />
                    )}
                  </div>
                );
              })}
              {readOnly ? null : (
                <div>
                  <Button
                    id={ids.addCondition(rule.key)}
                    icon={<AddRegular />}
                    aria-label={t("unify.match.addConditionTo", { name: title })}
                    onClick={() => {
                      const added = newCondition(firstAttribute);
                      setRule(rule.key, (r) => ({ ...r, conditions: [...r.conditions, added] }));
                      focusLater(ids.conditionAttribute(added.key));
                    }}
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
            id={ids.addRule}
            appearance="primary"
            icon={<AddRegular />}
            onClick={() => {
              const key = newKey("rule");
              setRules((rules) => [...rules, { key, name: "", conditions: [newCondition(firstAttribute)] }]);
              focusLater(ids.ruleName(key));
            }}
          >
            {t("unify.match.addRule")}
          </Button>
        </div>
      )}
    </div>
  );
}
