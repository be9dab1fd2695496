import type { ConnectorParameter } from "../api/operation";
import { fieldGlossary } from "./field-glossary";

type Json = Record<string, unknown>;

/** "dataSourceId" → "Data source ID": the fallback title of a property the glossary does not name. */
export const titleOf = (name: string): string => {
  const words = name
    .replace(/^\$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/\s+/)
    .map((word, i) => (word === "Id" ? "ID" : word === "Ms" ? "ms" : i === 0 ? word : word.toLowerCase()));
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/**
 * Gives every property of a schema, all the way down, the `x-ms-summary` (title) and `description`
 * Power Automate shows: the operation's connector parameter of that path first (a body), then the
 * schema's own description (zod `.describe`), then the field glossary by name. A property left
 * without a description stays so, and the connector test names it.
 */
export const annotateSchema = (schema: Json, parameters: Record<string, ConnectorParameter> = {}, path: string[] = []): Json => {
  const out: Json = { ...schema };
  if (out.properties && typeof out.properties === "object") {
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Record<string, Json>).map(([name, property]) => {
        const propertyPath = [...path, name];
        const declared = parameters[propertyPath.join(".")];
        const glossary = fieldGlossary[name];
        const description = declared?.description ?? (property.description as string | undefined) ?? glossary?.[1];
        const annotated: Json = {
          ...annotateSchema(property, parameters, propertyPath),
          "x-ms-summary": declared?.summary ?? glossary?.[0] ?? titleOf(name),
          ...(description ? { description } : {}),
          ...(declared?.visibility ? { "x-ms-visibility": declared.visibility } : {}),
          ...(declared?.notificationUrl ? { "x-ms-notification-url": true } : {}),
          ...(declared?.dynamicValues ? { "x-ms-dynamic-values": dynamicValuesOf(declared) } : {}),
        };
        return [name, annotated];
      }),
    );
  }
  if (out.items && typeof out.items === "object") out.items = annotateSchema(out.items as Json, parameters, path);
  if (out.additionalProperties && typeof out.additionalProperties === "object") {
    out.additionalProperties = annotateSchema(out.additionalProperties as Json, parameters, path);
  }
  return out;
};

export const dynamicValuesOf = ({ dynamicValues }: ConnectorParameter): Json | undefined =>
  dynamicValues && {
    operationId: dynamicValues.operationId,
    "value-collection": dynamicValues.valueCollection,
    "value-path": dynamicValues.valuePath,
    "value-title": dynamicValues.valueTitle,
    ...(dynamicValues.parameters ? { parameters: dynamicValues.parameters } : {}),
  };
