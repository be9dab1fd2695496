import { type Db, getDb } from "../db/client";
import { notFound } from "../errors/app-error";
import type { TColumnSamples } from "./schemas";
import type { DataSourceScope } from "./scope";
import { latestSuccessfulRun, rowsRunIdOf } from "./stored-rows";
import { requiredColumnsOf } from "./to-dto";

/** Rows read for samples: the first ones of the file, enough to find a few distinct values in sparse columns. */
export const SAMPLE_ROWS = 200;
export const SAMPLES_PER_COLUMN = 3;
const MAX_SAMPLE_LENGTH = 80;

/**
 * Up to `perColumn` distinct non-empty values of each column, in column order, as they first
 * appear in the rows. Long values are cut: a sample helps recognise a column, it is not the data.
 */
export const sampleValues = (columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>, perColumn = SAMPLES_PER_COLUMN) =>
  columns.map((column) => {
    const samples: string[] = [];
    for (const row of rows) {
      if (samples.length >= perColumn) break;
      const value = row[column];
      if (typeof value !== "string") continue;
      const text = value.trim();
      const sample = text.length > MAX_SAMPLE_LENGTH ? `${text.slice(0, MAX_SAMPLE_LENGTH - 1)}…` : text;
      if (sample && !samples.includes(sample)) samples.push(sample);
    }
    return { column, samples };
  });

/**
 * Samples of a data source's columns from the rows it holds, which are always those of its last
 * successful refresh (a refresh replaces them in the transaction that makes it successful); the
 * columns are that refresh's header, so a later failed refresh does not hide them.
 */
export const getColumnSamples = async (scope: DataSourceScope, dataSourceId: string, db: Db = getDb()): Promise<TColumnSamples> => {
  const where = { tenantId: scope.tenantId, instanceId: scope.instanceId };
  const source = await db.dataSource.findFirst({ where: { ...where, id: dataSourceId }, select: { id: true } });
  if (!source) throw notFound("dataSource");
  const run = await latestSuccessfulRun(db, scope, dataSourceId);
  if (!run) return { runId: null, columns: [] };
  // DataSourceRow has no tenant columns: scoped through its data source.
  const rows = await db.dataSourceRow.findMany({
    where: { runId: rowsRunIdOf(run), dataSource: { id: dataSourceId, ...where } },
    orderBy: { rowNumber: "asc" },
    take: SAMPLE_ROWS,
    select: { data: true },
  });
  const records = rows.map((row) => (typeof row.data === "object" && row.data !== null && !Array.isArray(row.data) ? (row.data as Record<string, unknown>) : {}));
  return { runId: run.id, columns: sampleValues(requiredColumnsOf(run.columns), records) };
};
