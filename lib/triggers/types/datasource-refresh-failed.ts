import { buildDataSourceRefreshEventData, sampleDataSourceRefresh, ZDataSourceRefreshEventData } from "./data-source-refresh";
import { defineTriggerType } from "./definition";
import { subjects } from "./subjects";

/** A refresh of a data source failed: missing file, malformed CSV, missing columns, interrupted. */
export const datasourceRefreshFailed = defineTriggerType("datasource.refresh.failed", {
  parameters: subjects.dataSource.parameters,
  data: ZDataSourceRefreshEventData,
  buildData: buildDataSourceRefreshEventData,
  sampleInput: (context) =>
    sampleDataSourceRefresh(context, {
      rowCount: null,
      error: {
        code: "missing_columns",
        message: 'The file has no column named "Email". Add it, or change the required columns of the data source.',
      },
    }),
});
