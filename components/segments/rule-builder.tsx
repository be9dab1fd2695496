"use client";

import { Button, Field, Input, Select, Textarea } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons/svg/add";
import { DismissRegular } from "@fluentui/react-icons/svg/dismiss";
import { useRef } from "react";
import { useRemovalFocus } from "@/components/common/use-removal-focus";
import { attributeLabel } from "@/components/unify/attribute-label";
import { useT } from "@/lib/i18n/i18n-provider";
import { operatorsByType, ruleCombinators, ruleOperators, type TRuleCombinator } from "@/lib/segments/rule-vocabulary";
import type { TAttributeDefinition } from "@/lib/unification/schemas";
import { type AttributeTypes, type FormCondition, type FormGroup, newCondition, newGroup, type RuleForm, withAttribute } from "./rule-form";
import { operatorLabel } from "./rule-summary";
import { useRuleBuilderStyles } from "./rule-builder.styles";

type Update = (update: (form: RuleForm) => RuleForm) => void;

type Props = {
  form: RuleForm;
  onChange: Update;
  attributes: TAttributeDefinition[];
  types: AttributeTypes;
  /** The error to show at a path (rule.conditions.1.value), if any; a value's only once its row was edited (rowKey) or saved. */
  errorAt: (path: string, rowKey?: string) => string | undefined;
  /** A value was edited: its errors may show from now on. */
  onTouched: (key: string) => void;
};

const CombinatorSelect = ({ label, value, onChange }: { label: string; value: TRuleCombinator; onChange: (value: TRuleCombinator) => void }) => {
  const t = useT();
  const styles = useRuleBuilderStyles();
  return (
    <Field label={label} className={styles.combinator}>
      <Select value={value} onChange={(_, data) => onChange(data.value as TRuleCombinator)}>
        {ruleCombinators.map((combinator) => (
          <option key={combinator} value={combinator}>
            {t(`segments.match.${combinator}`)}
          </option>
        ))}
      </Select>
    </Field>
  );
};

type RowProps = {
  condition: FormCondition;
  /** "condition 2", "condition 1 of group 3": names the row's controls. */
  name: string;
  path: string;
  attributes: TAttributeDefinition[];
  types: AttributeTypes;
  errorAt: Props["errorAt"];
  canRemove: boolean;
  onChange: (condition: FormCondition) => void;
  onRemove: () => void;
  removeRef: React.Ref<HTMLButtonElement>;
  onTouched: () => void;
};

const ConditionRow = ({ condition, name, path, attributes, types, errorAt, canRemove, onChange, onRemove, removeRef, onTouched }: RowProps) => {
  const t = useT();
  const styles = useRuleBuilderStyles();
  const type = types.get(condition.attribute);
  const operators = type ? operatorsByType[type] : ruleOperators;
  const setValue = (value: string) => {
    onTouched();
    onChange({ ...condition, value });
  };
  const valueLabel = t("segments.rule.value", { name });
  const standard = attributes.filter((attribute) => attribute.standard);
  const custom = attributes.filter((attribute) => !attribute.standard);
  const option = (attribute: TAttributeDefinition) => (
    <option key={attribute.name} value={attribute.name}>
      {t("segments.rule.attributeOption", { name: attributeLabel(attribute.name, t), type: t(`segments.type.${attribute.type}`) })}
    </option>
  );
  let valueControl: React.ReactNode;
  if (condition.operator === "isEmpty") {
    valueControl = <span className={styles.noValue}>{t("segments.rule.noValue")}</span>;
  } else if (condition.operator === "in") {
    valueControl = (
      <Field validationMessage={errorAt(`${path}.value`, condition.key)} hint={t("segments.rule.valuesHint")}>
        <Textarea
          aria-label={t("segments.rule.values", { name })}
          resize="vertical"
          rows={2}
          value={condition.value}
          onChange={(_, data) => setValue(data.value)}
        />
      </Field>
    );
  } else if (type === "boolean") {
    valueControl = (
      <Field validationMessage={errorAt(`${path}.value`, condition.key)}>
        <Select aria-label={valueLabel} value={condition.value === "false" ? "false" : "true"} onChange={(_, data) => setValue(data.value)}>
          <option value="true">{t("common.yes")}</option>
          <option value="false">{t("common.no")}</option>
        </Select>
      </Field>
    );
  } else {
    valueControl = (
      <Field validationMessage={errorAt(`${path}.value`, condition.key)}>
        <Input
          aria-label={valueLabel}
          type={type === "number" ? "number" : type === "date" ? "date" : "text"}
          value={condition.value}
          onChange={(_, data) => setValue(data.value)}
        />
      </Field>
    );
  }
  return (
    <li className={styles.row}>
      <Field validationMessage={errorAt(`${path}.attribute`)}>
        <Select
          aria-label={t("segments.rule.attribute", { name })}
          value={condition.attribute}
          onChange={(_, data) => onChange(withAttribute(condition, data.value, types))}
        >
          {condition.attribute === "" ? <option value="">{t("segments.rule.chooseAttribute")}</option> : null}
          {types.has(condition.attribute) || condition.attribute === "" ? null : <option value={condition.attribute}>{condition.attribute}</option>}
          <optgroup label={t("segments.rule.standardAttributes")}>{standard.map(option)}</optgroup>
          {custom.length > 0 ? <optgroup label={t("segments.rule.customAttributes")}>{custom.map(option)}</optgroup> : null}
        </Select>
      </Field>
      <Field validationMessage={errorAt(`${path}.operator`)}>
        <Select
          aria-label={t("segments.rule.operator", { name })}
          value={condition.operator}
          onChange={(_, data) => onChange({ ...condition, operator: data.value as FormCondition["operator"] })}
        >
          {operators.map((operator) => (
            <option key={operator} value={operator}>
              {operatorLabel(operator, type, t)}
            </option>
          ))}
        </Select>
      </Field>
      {valueControl}
      <Button
        appearance="subtle"
        icon={<DismissRegular />}
        aria-label={t("segments.rule.remove", { name })}
        disabledFocusable={!canRemove}
        ref={removeRef}
        onClick={onRemove}
      />
    </li>
  );
};

const GroupBlock = ({
  group,
  number,
  path,
  onChange,
  onRemove,
  removeRef,
  ...shared
}: Omit<Props, "form" | "onChange"> & {
  group: FormGroup;
  number: number;
  path: string;
  onChange: (group: FormGroup) => void;
  onRemove: () => void;
  removeRef: React.Ref<HTMLButtonElement>;
}) => {
  const t = useT();
  const styles = useRuleBuilderStyles();
  const addButton = useRef<HTMLButtonElement>(null);
  const removal = useRemovalFocus(
    group.conditions.map((condition) => condition.key),
    addButton,
  );
  const groupName = t("segments.rule.groupName", { number });
  return (
    <li className={styles.group} aria-label={groupName}>
      <div className={styles.groupHeader}>
        <h3 className={styles.groupTitle}>{groupName}</h3>
        <Button appearance="subtle" icon={<DismissRegular />} ref={removeRef} onClick={onRemove}>
          {t("segments.rule.removeGroup", { group: groupName })}
        </Button>
      </div>
      <CombinatorSelect
        label={t("segments.rule.groupMatch", { group: groupName })}
        value={group.combinator}
        onChange={(combinator) => onChange({ ...group, combinator })}
      />
      <ul className={styles.list}>
        {group.conditions.map((condition, index) => (
          <ConditionRow
            key={condition.key}
            {...shared}
            onTouched={() => shared.onTouched(condition.key)}
            condition={condition}
            name={t("segments.rule.groupConditionName", { number: index + 1, group: groupName })}
            path={`${path}.conditions.${index}`}
            canRemove={group.conditions.length > 1}
            onChange={(next) => onChange({ ...group, conditions: group.conditions.map((c) => (c.key === next.key ? next : c)) })}
            removeRef={removal.removeButton(condition.key)}
            onRemove={() => {
              removal.removing(condition.key);
              onChange({ ...group, conditions: group.conditions.filter((c) => c.key !== condition.key) });
            }}
          />
        ))}
      </ul>
      <div className={styles.actions}>
        <Button
          ref={addButton}
          icon={<AddRegular />}
          onClick={() => onChange({ ...group, conditions: [...group.conditions, newCondition(shared.attributes[0]?.name)] })}
        >
          {t("segments.rule.addToGroup", { group: groupName })}
        </Button>
      </div>
    </li>
  );
};

/**
 * The rule: a root group (all or any of its conditions) holding conditions and groups of conditions,
 * one level deep. Every control is a native one, labelled by what it is and which row it is in.
 */
export const RuleBuilder = ({ form, onChange, ...shared }: Props) => {
  const t = useT();
  const styles = useRuleBuilderStyles();
  const firstAttribute = shared.attributes[0]?.name;
  const replace = (key: string, next: FormCondition | FormGroup) =>
    onChange((current) => ({ ...current, items: current.items.map((item) => (item.key === key ? next : item)) }));
  const addCondition = useRef<HTMLButtonElement>(null);
  const removal = useRemovalFocus(
    form.items.map((item) => item.key),
    addCondition,
  );
  const remove = (key: string) => {
    removal.removing(key);
    onChange((current) => ({ ...current, items: current.items.filter((item) => item.key !== key) }));
  };
  const ruleError = shared.errorAt("rule.conditions") ?? shared.errorAt("rule");
  return (
    <fieldset className={styles.root}>
      <legend className={styles.legend}>{t("segments.rule.title")}</legend>
      <CombinatorSelect label={t("segments.rule.match")} value={form.combinator} onChange={(combinator) => onChange((current) => ({ ...current, combinator }))} />
      <ul className={styles.list}>
        {form.items.map((item, index) =>
          item.kind === "group" ? (
            <GroupBlock
              key={item.key}
              {...shared}
              group={item}
              number={index + 1}
              path={`rule.conditions.${index}`}
              onChange={(next) => replace(item.key, next)}
              removeRef={removal.removeButton(item.key)}
              onRemove={() => remove(item.key)}
            />
          ) : (
            <ConditionRow
              key={item.key}
              {...shared}
              onTouched={() => shared.onTouched(item.key)}
              condition={item}
              name={t("segments.rule.conditionName", { number: index + 1 })}
              path={`rule.conditions.${index}`}
              canRemove={form.items.length > 1}
              onChange={(next) => replace(item.key, next)}
              removeRef={removal.removeButton(item.key)}
              onRemove={() => remove(item.key)}
            />
          ),
        )}
      </ul>
      {ruleError ? (
        <p className={styles.ruleError} role="alert">
          {ruleError}
        </p>
      ) : null}
      <div className={styles.actions}>
        <Button
          ref={addCondition}
          icon={<AddRegular />}
          onClick={() => onChange((current) => ({ ...current, items: [...current.items, newCondition(firstAttribute)] }))}
        >
          {t("segments.rule.addCondition")}
        </Button>
        <Button icon={<AddRegular />} onClick={() => onChange((current) => ({ ...current, items: [...current.items, newGroup(firstAttribute)] }))}>
          {t("segments.rule.addGroup")}
        </Button>
      </div>
    </fieldset>
  );
};
