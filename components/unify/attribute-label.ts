import type { Translate } from "@/lib/i18n/translate";
import { standardAttributeNames } from "@/lib/unification/attributes";

/** A standard attribute in the user's language; a custom one by the name its Admin gave it. */
export const attributeLabel = (name: string, t: Translate) => {
  const key = `attribute.${name}`;
  return standardAttributeNames.includes(name) && t.has(key) ? t(key) : name;
};
