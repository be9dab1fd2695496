import type { Db } from "../../db/client";
import { latestSuccessfulRun, rowsRunIdOf } from "../../datasources/stored-rows";
import { requiredColumnsOf } from "../../datasources/to-dto";
import type { TSourceMapping } from "../schemas";
import type { UnificationScope } from "../scope";
import { readJsonRows } from "./read-json-rows";
import { UnificationError } from "./unification-error";

/** runId: the refresh that wrote the rows (DataSourceRow.runId). */
export type SourceRows = { runId: string; columns: string[]; rows: Array<Record<string, string>> };

// Rows of one refresh, in file order, a chunk at a time (keyset on rowNumber): one JSON text per
// chunk stays far below the longest string V8 can hold, however many rows a source has.
// DataSourceRow has no tenant columns: scoped through its data source.
const CHUNK_ROWS = 50_000;
const rowsOfRun = {
  sqlite: `SELECT "data" AS "row" FROM "DataSourceRow"
    WHERE "dataSourceId" IN (SELECT "id" FROM "DataSource" WHERE "id" = ? AND "tenantId" = ? AND "instanceId" = ?) AND "runId" = ? AND "rowNumber" > ?
    ORDER BY "rowNumber" LIMIT ${CHUNK_ROWS}`,
  postgresql: `SELECT "data" AS "row" FROM "DataSourceRow"
    WHERE "dataSourceId" IN (SELECT "id" FROM "DataSource" WHERE "id" = $1 AND "tenantId" = $2 AND "instanceId" = $3) AND "runId" = $4 AND "rowNumber" > $5
    ORDER BY "rowNumber" LIMIT ${CHUNK_ROWS}`,
};

const readRowsOfRun = async (db: Db, scope: UnificationScope, dataSourceId: string, runId: string) => {
  const rows: Array<Record<string, string>> = [];
  for (;;) {
    // Row numbers count from 1 without gaps (replace-rows.ts), so the rows read so far say where the next chunk starts.
    const chunk = await readJsonRows<Record<string, string>>(db, rowsOfRun, [dataSourceId, scope.tenantId, scope.instanceId, runId, rows.length]);
    for (const row of chunk) rows.push(row);
    if (chunk.length < CHUNK_ROWS) return rows;
  }
};

/** Every column a mapping reads. */
const mappedColumns = (mapping: TSourceMapping) =>
  [mapping.primaryKeyColumn, ...(mapping.recencyColumn ? [mapping.recencyColumn] : []), ...mapping.columns.map((column) => column.column)];

/**
 * The rows of a mapped data source's last successful refresh (the rows a data source holds are
 * always those: a refresh replaces them in the transaction that makes it successful).
 *
 * A source never refreshed successfully fails the map stage rather than being skipped: the
 * configuration says its records belong in the profiles, and profiles made without them would
 * look complete while missing a whole source (and a later run would then merge them in under
 * the same ids, changing profiles nobody changed). A mapped column the refresh's header lacks
 * fails it too, naming the columns, instead of every value reading as empty.
 */
export const readSourceRows = async (db: Db, scope: UnificationScope, source: { dataSourceId: string; name: string; mapping: TSourceMapping }): Promise<SourceRows> => {
  // A refresh may commit between finding its run and reading the rows; the rows then belong to a newer run: read again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const run = await latestSuccessfulRun(db, scope, source.dataSourceId);
    if (!run) {
      throw new UnificationError(
        "source_not_refreshed",
        `The data source ${source.name} has not been refreshed successfully yet, so it has no rows to unify. Refresh it, then run unification again.`,
        { dataSourceId: source.dataSourceId, name: source.name },
      );
    }
    const columns = requiredColumnsOf(run.columns);
    const missing = [...new Set(mappedColumns(source.mapping))].filter((column) => !columns.includes(column));
    if (missing.length > 0) {
      throw new UnificationError(
        "missing_columns",
        `The data source ${source.name} has no column named ${missing.join(", ")}, which its mapping reads. Map existing columns, or refresh the source with a file that has them.`,
        { dataSourceId: source.dataSourceId, name: source.name, columns: missing },
      );
    }
    const rowsRunId = rowsRunIdOf(run);
    const rows = await readRowsOfRun(db, scope, source.dataSourceId, rowsRunId);
    if (rows.length === (run.rowCount ?? rows.length)) return { runId: rowsRunId, columns, rows };
  }
  throw new Error(`The rows of ${source.name} kept changing while they were read.`);
};
