import { redactUrl } from "../audit/redact";

/** What the audit log keeps of a destination: the fields a person changes, the URL's credentials masked. Never the secret. */
export const destinationSnapshot = (row: { displayName: string; type: string; endpoint: string; visibility: string }) => ({
  displayName: row.displayName,
  type: row.type,
  endpoint: redactUrl(row.endpoint),
  visibility: row.visibility,
});

export const destinationSnapshotColumns = { displayName: true, type: true, endpoint: true, visibility: true } as const;
