import { z } from "zod";
import { ZId } from "../ids/schemas";

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
export const ZRunError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.looseObject({ reason: z.string().optional() }).optional(),
});
export type TRunError = z.infer<typeof ZRunError>;

export const ZDataSourceRun = z
  .object({
    id: z.string(),
    dataSourceId: z.string(),
    status: z.enum(runStatuses),
    submissionKind: z.enum(["onDemand", "scheduled"]),
    submittedAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    rowCount: z.number().int().nullable(),
    /** The header of the CSV a successful run ingested, in file order; null otherwise. */
    columns: z.array(z.string()).nullable(),
    /** A successful run that read the same content (and required columns) as the run whose rows the source held: it kept those rows. */
    contentUnchanged: z.boolean(),
    error: ZRunError.nullable(),
  })
  .meta({ id: "DataSourceRun" });
export type TDataSourceRun = z.infer<typeof ZDataSourceRun>;

export const ZDataSource = z
  .object({
    id: z.string(),
    instanceId: z.string(),
    name: z.string(),
    kind: z.enum(dataSourceKinds),
    location: z.string().nullable(),
    requiredColumns: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    latestUpload: z.object({ fileName: z.string(), sizeBytes: z.number().int(), uploadedAt: z.string() }).nullable(),
    lastRun: ZDataSourceRun.nullable(),
  })
  .meta({ id: "DataSource" });
export type TDataSource = z.infer<typeof ZDataSource>;

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

// Path and query shapes of the data source routes.
export const ZDataSourceParams = z.object({ instanceId: ZId, dataSourceId: ZId });
export const ZDataSourceRunParams = z.object({ instanceId: ZId, dataSourceId: ZId, runId: ZId });
export const ZListDataSourceRunsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** A few values of each column of a data source's current rows (GET …/data-sources/{id}/column-samples). */
export const ZColumnSamples = z.object({
  /** The refresh whose rows these are: the last successful one; null while there is none. */
  runId: z.string().nullable(),
  columns: z.array(z.object({ column: z.string(), samples: z.array(z.string()) })),
});
export type TColumnSamples = z.infer<typeof ZColumnSamples>;
