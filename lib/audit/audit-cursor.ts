import { AppError } from "../errors/app-error";

export type AuditCursor = { createdAt: Date; id: string };

// Opaque to clients: the position after the last entry of a page (newest first).
export const encodeAuditCursor = (cursor: AuditCursor): string =>
  Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`, "utf8").toString("base64url");

export const decodeAuditCursor = (value: string): AuditCursor => {
  const invalid = () =>
    new AppError("validation_failed", "Invalid query. cursor: not a cursor this API returned.", {
      reason: "invalid_cursor",
      issues: [{ path: "cursor", message: "Not a cursor this API returned." }],
    });
  const text = Buffer.from(value, "base64url").toString("utf8");
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([A-Za-z0-9_-]{1,64})$/.exec(text);
  if (!match) throw invalid();
  const createdAt = new Date(match[1]!);
  if (Number.isNaN(createdAt.getTime())) throw invalid();
  return { createdAt, id: match[2]! };
};
