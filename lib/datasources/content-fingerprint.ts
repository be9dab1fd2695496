import { createHash } from "node:crypto";

// Part of every fingerprint: bump it when parse-csv.ts changes what the same bytes become
// (rows, columns, validation), so the next refresh of each source parses its content again.
const PARSE_VERSION = "csv-1";

/**
 * What decides a refresh's rows: the bytes it read and the settings they are parsed with
 * (the required columns, in their order, as validation reports them).
 */
export const contentFingerprint = (content: Uint8Array, requiredColumns: readonly string[]): string =>
  createHash("sha256").update(JSON.stringify([PARSE_VERSION, requiredColumns])).update("\n").update(content).digest("hex");
