import { z } from "zod";

export const dataSourceKinds = ["upload", "file", "url"] as const;
export const runStatuses = ["queued", "running", "successful", "failed", "skipped"] as const;
export type TRunStatus = (typeof runStatuses)[number];

const ZColumnName = z.string().trim().min(1).max(128);

export const ZRequiredColumns = z
  .array(ZColumnName)
  .max(200)
  .default([])
  .refine((cols) => new Set(cols.map((c) => c.toLowerCase())).size === cols.length, "Columns must be unique.");

const ZName = z.string().trim().min(1, "Give the data source a name.").max(120);

/** Uploads get their content from POST …/upload; files and URLs are read at each refresh. */
export const ZCreateDataSource = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("upload"), name: ZName, requiredColumns: ZRequiredColumns }).strict(),
  z
    .object({
      kind: z.literal("file"),
      name: ZName,
      requiredColumns: ZRequiredColumns,
      location: z.string().trim().min(1, "Enter the file path under the data directory.").max(1024),
    })
    .strict(),
  z
    .object({
      kind: z.literal("url"),
      name: ZName,
      requiredColumns: ZRequiredColumns,
      location: z
        .string()
        .trim()
        .max(2048)
        .refine((v) => URL.canParse(v) && new URL(v).protocol === "https:", "Enter an https:// URL."),
    })
    .strict(),
]);
export type TCreateDataSource = z.infer<typeof ZCreateDataSource>;

/** `message` is English (API clients, events); the UI shows `code` and `details` from its catalogs. */
export type TRunError = { code: string; message: string; details?: { reason?: string } & Record<string, unknown> };

export type TDataSourceRun = {
  id: string;
  dataSourceId: string;
  status: TRunStatus;
  submissionKind: "onDemand" | "scheduled";
  submittedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  rowCount: number | null;
  /** The header of the CSV a successful run ingested, in file order; null otherwise. */
  columns: string[] | null;
  error: TRunError | null;
};

export type TDataSource = {
  id: string;
  instanceId: string;
  name: string;
  kind: (typeof dataSourceKinds)[number];
  location: string | null;
  requiredColumns: string[];
  createdAt: string;
  updatedAt: string;
  latestUpload: { fileName: string; sizeBytes: number; uploadedAt: string } | null;
  lastRun: TDataSourceRun | null;
};

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
