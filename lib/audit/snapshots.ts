import { redactUrl } from "./redact";

// What the audit log keeps of each audited record: the fields a person changes, with
// credentials masked. Signing secrets and uploaded contents are never part of it. A trigger
// registration's is in lib/triggers/registration-snapshot.ts (its subject depends on its type).

export const dataSourceSnapshot = (row: { name: string; kind: string; location: string | null; requiredColumns: unknown }) => ({
  name: row.name,
  kind: row.kind,
  location: row.kind === "url" ? redactUrl(row.location) : row.location,
  requiredColumns: row.requiredColumns,
});

export const segmentSnapshot = (row: { name: string; description: string; rule: unknown }) => ({
  name: row.name,
  description: row.description,
  rule: row.rule,
});

export const measureSnapshot = (row: { name: string; description: string; aggregation: string; attribute: string | null; segmentId: string | null }) => ({
  name: row.name,
  description: row.description,
  aggregation: row.aggregation,
  attribute: row.attribute,
  segmentId: row.segmentId,
});
