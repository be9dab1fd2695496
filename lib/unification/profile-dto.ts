import { standardAttributes } from "./attributes";
import type { TAttributeValue, TCustomerProfile, TProfileAttributes } from "./schemas";

/** The profile columns that hold the standard attributes, named as the attributes are. */
export const standardColumns = standardAttributes.map((attribute) => attribute.name);

export const profileSelect = {
  id: true,
  email: true,
  phone: true,
  firstName: true,
  lastName: true,
  city: true,
  postalCode: true,
  country: true,
  birthDate: true,
  customAttributes: true,
  sourceRecordCount: true,
  createdAt: true,
  updatedAt: true,
} as const;

type ProfileRow = { [K in (typeof standardColumns)[number]]: string | null } & {
  id: string;
  customAttributes: unknown;
  sourceRecordCount: number;
  createdAt: Date;
  updatedAt: Date;
};

export const asAttributes = (value: unknown): TProfileAttributes =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as TProfileAttributes) : {};

export const toProfileDto = (row: ProfileRow): TCustomerProfile => {
  const attributes: TProfileAttributes = {};
  for (const name of standardColumns) attributes[name] = row[name] as TAttributeValue;
  Object.assign(attributes, asAttributes(row.customAttributes));
  return {
    id: row.id,
    attributes,
    sourceRecordCount: row.sourceRecordCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
};

