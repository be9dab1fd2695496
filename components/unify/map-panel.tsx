"use client";

import {
  Button,
  Field,
  Input,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons/svg/add";
import { DeleteRegular } from "@fluentui/react-icons/svg/delete";
import { useEffect } from "react";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { useColumnSamples } from "@/lib/ui/api-hooks";
import { attributeTypes, dateFormats, type TAttributeType, type TDateFormat } from "@/lib/unification/attributes";
import type { TAttributeDefinition } from "@/lib/unification/schemas";
import { attributeLabel } from "./attribute-label";
import { focusLater } from "./focus-later";
import type { ColumnInvalidValues } from "./last-run-counts";
import { type FormSource, newKey, removeCustomAttribute, renameCustomAttribute, type UnifyForm } from "./unify-form";
import { useUnifyStyles } from "./unify.styles";

type Props = {
  instanceId: string;
  form: UnifyForm;
  onChange: (update: (form: UnifyForm) => UnifyForm) => void;
  errors: Record<string, string>;
  readOnly: boolean;
  attributes: TAttributeDefinition[];
  invalidValues: Map<string, Map<string, ColumnInvalidValues>>;
  hasLastRun: boolean;
};

const updateSource = (form: UnifyForm, dataSourceId: string, change: Partial<FormSource> | ((source: FormSource) => FormSource)): UnifyForm => ({
  ...form,
  sources: form.sources.map((source) =>
    source.dataSourceId !== dataSourceId ? source : typeof change === "function" ? change(source) : { ...source, ...change },
  ),
});

const CustomAttributes = ({ form, onChange, errors, readOnly }: Pick<Props, "form" | "onChange" | "errors" | "readOnly">) => {
  const styles = useUnifyStyles();
  const t = useT();
  const setAttribute = (key: string, change: { type: TAttributeType }) =>
    onChange((current) => ({
      ...current,
      customAttributes: current.customAttributes.map((attribute) => (attribute.key === key ? { ...attribute, ...change } : attribute)),
    }));
  return (
    <section className={styles.panel} aria-labelledby="unify-custom-attributes">
      <h2 id="unify-custom-attributes" className={styles.sectionTitle}>
        {t("unify.map.customAttributes")}
      </h2>
      <p className={styles.hint}>{t("unify.map.customAttributesHint")}</p>
      {errors.customAttributes ? <p className={styles.error}>{errors.customAttributes}</p> : null}
      {form.customAttributes.map((attribute, index) => (
        <div key={attribute.key} className={styles.row}>
          <Field
            className={styles.field}
            label={t("unify.map.attributeName", { number: index + 1 })}
            data-field={`customAttributes.${attribute.key}.name`}
            validationMessage={errors[`customAttributes.${attribute.key}.name`]}
          >
            <Input id={`attribute-${attribute.key}-name`} value={attribute.name} readOnly={readOnly} onChange={(_, data) => onChange((current) => renameCustomAttribute(current, attribute.key, data.value))} />
          </Field>
          <Field className={styles.narrowField} label={t("unify.map.attributeType", { number: index + 1 })}>
            <Select
              value={attribute.type}
              disabled={readOnly}
              onChange={(_, data) => setAttribute(attribute.key, { type: data.value as TAttributeType })}
            >
              {attributeTypes.map((type) => (
                <option key={type} value={type}>
                  {t(`attributeType.${type}`)}
                </option>
              ))}
            </Select>
          </Field>
          {readOnly ? null : (
            <Button
              icon={<DeleteRegular />}
              aria-label={t("unify.map.removeAttribute", { name: attribute.name || String(index + 1) })}
              onClick={() => {
                const next = form.customAttributes[index + 1];
                onChange((current) => removeCustomAttribute(current, attribute.key));
                focusLater(next ? `attribute-${next.key}-name` : "unify-add-attribute");
              }}
            >
              {t("unify.remove")}
            </Button>
          )}
        </div>
      ))}
      {readOnly ? null : (
        <div>
          <Button
            id="unify-add-attribute"
            icon={<AddRegular />}
            onClick={() => {
              const key = newKey("attribute");
              onChange((current) => ({ ...current, customAttributes: [...current.customAttributes, { key, name: "", type: "text" }] }));
              focusLater(`attribute-${key}-name`);
            }}
          >
            {t("unify.map.addAttribute")}
          </Button>
        </div>
      )}
    </section>
  );
};

const DateFormatSelect = ({ label, value, disabled, onChange }: { label: string; value: TDateFormat; disabled: boolean; onChange: (value: TDateFormat) => void }) => {
  const t = useT();
  return (
    <Select aria-label={label} value={value} disabled={disabled} onChange={(_, data) => onChange(data.value as TDateFormat)}>
      {dateFormats.map((format) => (
        <option key={format} value={format}>
          {t(`unify.dateFormat.${format}`)}
        </option>
      ))}
    </Select>
  );
};

const SourceMapping = ({ source, ...props }: Omit<Props, "form"> & { source: FormSource }) => {
  const { instanceId, onChange, errors, readOnly, attributes, invalidValues, hasLastRun } = props;
  const styles = useUnifyStyles();
  const t = useT();
  const format = useFormat();
  const id = source.dataSourceId;
  const base = `sources.${id}`;
  const types = new Map(attributes.map((attribute) => [attribute.name, attribute.type]));
  const invalid = invalidValues.get(id);
  const set = (change: Partial<FormSource> | ((source: FormSource) => FormSource)) => onChange((form) => updateSource(form, id, change));
  const headingId = `unify-source-${id}`;
  // Samples are asked for once a source is included; their header also brings columns a failed
  // last refresh left unknown.
  const { data: sampled } = useColumnSamples(instanceId, source.included ? id : null);
  const samples = new Map((sampled?.columns ?? []).map((column) => [column.column, column.samples]));
  useEffect(() => {
    if (!sampled || sampled.columns.every((column) => source.columns.includes(column.column))) return;
    onChange((form) =>
      updateSource(form, id, (current) => ({ ...current, columns: [...new Set([...current.columns, ...sampled.columns.map((column) => column.column)])] })),
    );
  }, [sampled, source.columns, id, onChange]);

  return (
    <section className={styles.panel} aria-labelledby={headingId}>
      <div className={styles.toolbar}>
        <h2 id={headingId} className={styles.sectionTitle}>
          {source.name}
        </h2>
        {/* A native checkbox, not Fluent's Switch or Checkbox: the same meaning without their 9 or 4 KB
            of JavaScript in the screen's first load, which sits close to its budget. */}
        <label className={styles.include}>
          <input type="checkbox" className={styles.includeBox} checked={source.included} disabled={readOnly} onChange={(event) => set({ included: event.target.checked })} />
          {t("unify.map.include", { name: source.name })}
        </label>
      </div>
      {errors[base] ? <p className={styles.error}>{errors[base]}</p> : null}
      {!source.included ? <p className={styles.muted}>{t("unify.map.notIncluded")}</p> : null}
      {source.included && source.columns.length === 0 ? <p className={styles.warning}>{t("unify.map.noColumns")}</p> : null}
      {source.included ? (
        <>
          <div className={styles.row}>
            <Field
              className={styles.field}
              label={t("unify.map.primaryKey")}
              hint={t("unify.map.primaryKeyHint")}
              required
              data-field={`${base}.primaryKeyColumn`}
              validationMessage={errors[`${base}.primaryKeyColumn`]}
            >
              <Select value={source.primaryKeyColumn} disabled={readOnly} onChange={(_, data) => set({ primaryKeyColumn: data.value })}>
                <option value="">{t("unify.map.chooseColumn")}</option>
                {source.columns.map((column) => (
                  <option key={column} value={column}>
                    {column}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              className={styles.field}
              label={t("unify.map.recency")}
              hint={t("unify.map.recencyHint")}
              data-field={`${base}.recencyColumn`}
              validationMessage={errors[`${base}.recencyColumn`]}
            >
              <Select value={source.recencyColumn} disabled={readOnly} onChange={(_, data) => set({ recencyColumn: data.value })}>
                <option value="">{t("unify.map.noRecency")}</option>
                {source.columns.map((column) => (
                  <option key={column} value={column}>
                    {column}
                  </option>
                ))}
              </Select>
            </Field>
            {source.recencyColumn ? (
              <Field className={styles.field} label={t("unify.map.recencyFormat")}>
                <DateFormatSelect
                  label={t("unify.map.recencyFormat")}
                  value={source.recencyDateFormat}
                  disabled={readOnly}
                  onChange={(value) => set({ recencyDateFormat: value })}
                />
              </Field>
            ) : null}
          </div>
          {errors[`${base}.columns`] ? <p className={styles.error}>{errors[`${base}.columns`]}</p> : null}
          {source.columns.length > 0 ? (
            <div className={styles.tableWrap}>
              <Table size="small" aria-label={t("unify.map.columnsOf", { name: source.name })}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell style={{ width: "16%" }}>{t("unify.map.colColumn")}</TableHeaderCell>
                    <TableHeaderCell style={{ width: "22%" }}>{t("unify.map.colSamples")}</TableHeaderCell>
                    <TableHeaderCell style={{ width: "22%" }}>{t("unify.map.colAttribute")}</TableHeaderCell>
                    <TableHeaderCell style={{ width: "18%" }}>{t("unify.map.colDateFormat")}</TableHeaderCell>
                    <TableHeaderCell style={{ width: "22%" }}>{t("unify.map.colInvalid")}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {source.columns.map((column) => {
                    const mapping = source.mappings[column] ?? { attribute: "", dateFormat: "iso" as const };
                    const fieldError = errors[`${base}.columns.${column}`];
                    const columnInvalid = invalid?.get(column);
                    const setMapping = (change: Partial<typeof mapping>) =>
                      set((current) => ({
                        ...current,
                        mappings: { ...current.mappings, [column]: { attribute: "", dateFormat: "iso" as const, ...current.mappings[column], ...change } },
                      }));
                    return (
                      <TableRow key={column}>
                        <TableCell>
                          <span className={styles.code}>{column}</span>
                        </TableCell>
                        <TableCell>
                          <span className={styles.samples}>
                            {!sampled ? "…" : (samples.get(column) ?? []).length === 0 ? t("unify.map.noSamples") : samples.get(column)!.join(", ")}
                          </span>
                        </TableCell>
                        <TableCell>
                          <Field data-field={`${base}.columns.${column}`} validationMessage={fieldError}>
                            <Select
                              aria-label={t("unify.map.attributeFor", { column, name: source.name })}
                              value={mapping.attribute}
                              disabled={readOnly}
                              onChange={(_, data) => setMapping({ attribute: data.value })}
                            >
                              <option value="">{t("unify.map.notMapped")}</option>
                              {mapping.attribute && !types.has(mapping.attribute) ? <option value={mapping.attribute}>{mapping.attribute}</option> : null}
                              {attributes.map((attribute) => (
                                <option key={attribute.name} value={attribute.name}>
                                  {attributeLabel(attribute.name, t)}
                                </option>
                              ))}
                            </Select>
                          </Field>
                        </TableCell>
                        <TableCell>
                          {types.get(mapping.attribute) === "date" ? (
                            <DateFormatSelect
                              label={t("unify.map.dateFormatFor", { column, name: source.name })}
                              value={mapping.dateFormat}
                              disabled={readOnly}
                              onChange={(value) => setMapping({ dateFormat: value })}
                            />
                          ) : (
                            <span className={styles.muted}>—</span>
                          )}
                        </TableCell>
                        <TableCell>
                          {!hasLastRun ? (
                            <span className={styles.muted}>—</span>
                          ) : columnInvalid && columnInvalid.count > 0 ? (
                            <span>
                              <span className={styles.warning}>{t("unify.map.invalidCount", { count: format.number(columnInvalid.count) })}</span>
                              {columnInvalid.samples.length > 0 ? (
                                <span className={styles.samples}>
                                  {" "}
                                  {t("unify.map.invalidSamples", { samples: format.list(columnInvalid.samples.map((sample) => `“${sample}”`)) })}
                                </span>
                              ) : null}
                            </span>
                          ) : (
                            <span className={styles.muted}>{t("unify.map.noInvalid")}</span>
                          )}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
};

/** Map: which data sources take part, their keys, and which column feeds which profile attribute. */
export const MapPanel = (props: Props) => {
  const styles = useUnifyStyles();
  const t = useT();
  return (
    <div className={styles.stack}>
      <CustomAttributes {...props} />
      {props.errors.sources ? <p className={styles.error}>{props.errors.sources}</p> : null}
      {props.form.sources.length === 0 ? <p className={styles.muted}>{t("unify.map.noSources")}</p> : null}
      {props.form.sources.map((source) => (
        <SourceMapping key={source.dataSourceId} source={source} {...props} />
      ))}
    </div>
  );
};
