"use client";

import { useT } from "@/lib/i18n/i18n-provider";
import type { PropertyView, SchemaView } from "@/lib/api/openapi/reference/schema-view";
import { useSchemaTreeStyles } from "./api-reference.styles";

type Styles = ReturnType<typeof useSchemaTreeStyles>;
type T = ReturnType<typeof useT>;

/** The type as JSON Schema spells it (object, array, string…), with a $ref's component name. */
const typeLabel = (schema: SchemaView, t: T): string => {
  const base =
    schema.kind === "scalar"
      ? schema.type
      : schema.kind === "object"
        ? "object"
        : schema.kind === "array"
          ? `array<${typeLabel(schema.items, t)}>`
          : schema.kind === "union"
            ? schema.variants.map((variant) => typeLabel(variant, t)).join(" | ")
            : schema.kind === "recursive"
              ? t("apiReference.recursive", { name: schema.name ?? "" })
              : t("apiReference.anyValue");
  const named = schema.name && schema.kind !== "recursive" ? `${schema.name} (${base})` : base;
  return schema.nullable ? `${named} ${t("apiReference.nullable")}` : named;
};

/** What a value holds beyond its type line: allowed values, then nested properties, items or variants. */
const Details = ({ schema, styles, t }: { schema: SchemaView; styles: Styles; t: T }) => (
  <>
    {schema.constraints.length > 0 ? (
      <span className={styles.constraint}>{schema.constraints.map((c) => `${c.keyword}: ${c.value}`).join(", ")}</span>
    ) : null}
    {schema.description ? <span className={styles.description}>{schema.description}</span> : null}
    {schema.kind === "scalar" && schema.enum ? (
      <span className={styles.values}>
        {t("apiReference.allowedValues")}{" "}
        {schema.enum.map((value, index) => (
          <span key={value}>
            {index > 0 ? ", " : null}
            <code className={styles.value}>{value}</code>
          </span>
        ))}
      </span>
    ) : null}
  </>
);

const Children = ({ schema, styles, t }: { schema: SchemaView; styles: Styles; t: T }) => {
  if (schema.kind === "object") {
    if (schema.properties.length === 0 && !schema.additionalProperties) return null;
    return (
      <ul className={styles.list}>
        {schema.properties.map((property) => (
          <Property key={property.name} property={property} styles={styles} t={t} />
        ))}
        {schema.additionalProperties ? (
          <li>
            <div className={styles.line}>
              <span>{t("apiReference.otherKeys")}</span>
              <span className={styles.type}>{typeLabel(schema.additionalProperties, t)}</span>
              <Details schema={schema.additionalProperties} styles={styles} t={t} />
            </div>
            <Children schema={schema.additionalProperties} styles={styles} t={t} />
          </li>
        ) : null}
      </ul>
    );
  }
  if (schema.kind === "array") {
    const items = schema.items;
    if (items.kind !== "object" && items.kind !== "union" && !(items.kind === "scalar" && (items.enum || items.description))) return null;
    return (
      <ul className={styles.list}>
        <li>
          <div className={styles.line}>
            <span>{t("apiReference.items")}</span>
            <span className={styles.type}>{typeLabel(items, t)}</span>
            <Details schema={items} styles={styles} t={t} />
          </div>
          <Children schema={items} styles={styles} t={t} />
        </li>
      </ul>
    );
  }
  if (schema.kind === "union") {
    return (
      <>
        <span>{t("apiReference.oneOf")}</span>
        <ul className={styles.list}>
          {schema.variants.map((variant, index) => (
            <li key={index}>
              <div className={styles.line}>
                <span>{t("apiReference.variant", { number: index + 1 })}</span>
                <span className={styles.type}>{typeLabel(variant, t)}</span>
                <Details schema={variant} styles={styles} t={t} />
              </div>
              <Children schema={variant} styles={styles} t={t} />
            </li>
          ))}
        </ul>
      </>
    );
  }
  return null;
};

const Property = ({ property, styles, t }: { property: PropertyView; styles: Styles; t: T }) => (
  <li>
    <div className={styles.line}>
      <code className={styles.name}>{property.name}</code>
      <span className={styles.type}>{typeLabel(property.schema, t)}</span>
      {property.required ? <span className={styles.required}>{t("apiReference.required")}</span> : <span className={styles.optional}>{t("apiReference.optional")}</span>}
      <Details schema={property.schema} styles={styles} t={t} />
    </div>
    <Children schema={property.schema} styles={styles} t={t} />
  </li>
);

/** A schema as a nested list of its properties with types, required marks and allowed values. */
export const SchemaTree = ({ schema }: { schema: SchemaView }) => {
  const styles = useSchemaTreeStyles();
  const t = useT();
  return (
    <div>
      <div className={styles.line}>
        <span className={styles.type}>{typeLabel(schema, t)}</span>
        <Details schema={schema} styles={styles} t={t} />
      </div>
      <Children schema={schema} styles={styles} t={t} />
    </div>
  );
};

export { typeLabel };
