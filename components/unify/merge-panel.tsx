"use client";

import { Button, Field, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, useId } from "@fluentui/react-components";
import { ArrowDownRegular } from "@fluentui/react-icons/svg/arrow-down";
import { ArrowUpRegular } from "@fluentui/react-icons/svg/arrow-up";
import { useT } from "@/lib/i18n/i18n-provider";
import type { TMergePolicyKind } from "@/lib/unification/attributes";
import type { TAttributeDefinition } from "@/lib/unification/schemas";
import { attributeLabel } from "./attribute-label";
import { fittingPolicy, type FormPolicy, mergePoliciesFor, moveItem, priorityOrder, type UnifyForm } from "./unify-form";
import { useUnifyStyles } from "./unify.styles";

type Props = {
  form: UnifyForm;
  onChange: (update: (form: UnifyForm) => UnifyForm) => void;
  errors: Record<string, string>;
  readOnly: boolean;
  attributes: TAttributeDefinition[];
};

/** Merge: how each attribute's value is chosen among a profile's records. Loaded with the tab. */
export default function MergePanel({ form, onChange, errors, readOnly, attributes }: Props) {
  const styles = useUnifyStyles();
  const t = useT();
  const names = new Map(form.sources.map((source) => [source.dataSourceId, source.name]));
  // Attribute names are free text, unfit for DOM ids: the ids number the attributes instead.
  const idPrefix = useId("merge");
  const setPolicy = (attribute: string, policy: FormPolicy) =>
    onChange((current) => ({ ...current, mergePolicies: { ...current.mergePolicies, [attribute]: policy } }));

  return (
    <section className={styles.panel} aria-labelledby="unify-merge-title">
      <h2 id="unify-merge-title" className={styles.sectionTitle}>
        {t("unify.merge.title")}
      </h2>
      <p className={styles.hint}>{t("unify.merge.intro")}</p>
      <div className={styles.tableWrap}>
        <Table aria-label={t("unify.merge.table")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: "20%" }}>{t("unify.merge.colAttribute")}</TableHeaderCell>
              <TableHeaderCell style={{ width: "12%" }}>{t("unify.merge.colType")}</TableHeaderCell>
              <TableHeaderCell style={{ width: "30%" }}>{t("unify.merge.colPolicy")}</TableHeaderCell>
              <TableHeaderCell style={{ width: "38%" }}>{t("unify.merge.colOrder")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {attributes.map((attribute, attributeIndex) => {
              const label = attributeLabel(attribute.name, t);
              const policy = fittingPolicy(form.mergePolicies[attribute.name], attribute.type);
              const order = priorityOrder(policy.sourceOrder, form);
              return (
                <TableRow key={attribute.name}>
                  <TableCell>{label}</TableCell>
                  <TableCell>{t(`attributeType.${attribute.type}`)}</TableCell>
                  <TableCell>
                    <Field data-field={`mergePolicies.${attribute.name}`} validationMessage={errors[`mergePolicies.${attribute.name}`]} hint={t(`unify.policy.${policy.kind}.description`)}>
                      <Select
                        aria-label={t("unify.merge.policyFor", { attribute: label })}
                        value={policy.kind}
                        disabled={readOnly}
                        onChange={(_, data) => setPolicy(attribute.name, { ...policy, kind: data.value as TMergePolicyKind })}
                      >
                        {mergePoliciesFor(attribute.type).map((kind) => (
                          <option key={kind} value={kind}>
                            {t(`unify.policy.${kind}`)}
                          </option>
                        ))}
                      </Select>
                    </Field>
                  </TableCell>
                  <TableCell>
                    {policy.kind !== "sourcePriority" ? (
                      <span className={styles.muted}>—</span>
                    ) : order.length === 0 ? (
                      <span className={styles.muted}>{t("unify.merge.noSources")}</span>
                    ) : (
                      <ol className={styles.orderList} aria-label={t("unify.merge.orderOf", { attribute: label })}>
                        {order.map((id, index) => {
                          const name = names.get(id) ?? id;
                          const buttonId = (sourceId: string, direction: "up" | "down") => `${idPrefix}-${attributeIndex}-${sourceId}-${direction}`;
                          const move = (to: number) => {
                            setPolicy(attribute.name, { ...policy, sourceOrder: moveItem(order, index, to) });
                            // Focus stays on the moved source: on the same button, or the other one once it reaches an end.
                            const direction = to < index ? (to === 0 ? "down" : "up") : to === order.length - 1 ? "up" : "down";
                            requestAnimationFrame(() => document.getElementById(buttonId(id, direction))?.focus());
                          };
                          return (
                            <li key={id} className={styles.orderItem}>
                              <span>
                                {index + 1}. {name}
                              </span>
                              {readOnly ? null : (
                                <>
                                  <Button
                                    id={buttonId(id, "up")}
                                    size="small"
                                    appearance="subtle"
                                    icon={<ArrowUpRegular />}
                                    disabled={index === 0}
                                    aria-label={t("unify.merge.moveUp", { name, attribute: label })}
                                    onClick={() => move(index - 1)}
                                  />
                                  <Button
                                    id={buttonId(id, "down")}
                                    size="small"
                                    appearance="subtle"
                                    icon={<ArrowDownRegular />}
                                    disabled={index === order.length - 1}
                                    aria-label={t("unify.merge.moveDown", { name, attribute: label })}
                                    onClick={() => move(index + 1)}
                                  />
                                </>
                              )}
                            </li>
                          );
                        })}
                      </ol>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
