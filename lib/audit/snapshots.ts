import { redactUrl } from "./redact";

// What the audit log keeps of each audited record: the fields a person changes, with
// credentials masked. Signing secrets and uploaded contents are never part of it.

export const registrationSnapshot = (row: {
  displayName: string;
  type: string;
  dataSourceId: string | null;
  callbackUrl: string;
  destinationType: string;
  origin: string;
  status?: string;
}) => ({
  displayName: row.displayName,
  type: row.type,
  dataSourceId: row.dataSourceId,
  callbackUrl: redactUrl(row.callbackUrl),
  destinationType: row.destinationType,
  origin: row.origin,
  ...(row.status !== undefined ? { status: row.status } : {}),
});

export const registrationSnapshotColumns = {
  displayName: true,
  type: true,
  dataSourceId: true,
  callbackUrl: true,
  destinationType: true,
  origin: true,
  status: true,
} as const;

export const dataSourceSnapshot = (row: { name: string; kind: string; location: string | null; requiredColumns: unknown }) => ({
  name: row.name,
  kind: row.kind,
  location: row.kind === "url" ? redactUrl(row.location) : row.location,
  requiredColumns: row.requiredColumns,
});
