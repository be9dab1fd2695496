import { type TAttributeType, standardAttributes } from "./attributes";
import type { TAttributeDefinition, TCustomAttribute } from "./schemas";

/** The instance's attributes: the standard ones, then its custom ones, in the configuration's order. */
export const attributeDefinitions = (customAttributes: readonly TCustomAttribute[]): TAttributeDefinition[] => [
  ...standardAttributes.map((attribute) => ({ name: attribute.name, type: attribute.type, standard: true })),
  ...customAttributes.map((attribute) => ({ name: attribute.name, type: attribute.type, standard: false })),
];

/** Each attribute's type by name, as the engine takes it. */
export const attributeTypesOf = (customAttributes: readonly TCustomAttribute[]): ReadonlyMap<string, TAttributeType> =>
  new Map(attributeDefinitions(customAttributes).map((attribute) => [attribute.name, attribute.type]));
