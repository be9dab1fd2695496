import type { TProfileAttributes } from "@/lib/unification/schemas";

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/** How a profile is named on screen: its first and last name, else its email, else its phone; null when it has none. */
export const profileName = (attributes: TProfileAttributes): string | null => {
  const name = [text(attributes.firstName), text(attributes.lastName)].filter(Boolean).join(" ");
  return name || text(attributes.email) || text(attributes.phone) || null;
};

/** An attribute's value as text: dates stay YYYY-MM-DD (as mapped), booleans and numbers through the caller's formatters. */
export const attributeText = (
  value: TProfileAttributes[string] | undefined,
  format: { number: (value: number) => string; yes: string; no: string },
): string => {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? format.yes : format.no;
  if (typeof value === "number") return format.number(value);
  return value;
};
