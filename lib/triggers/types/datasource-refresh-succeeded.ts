import { buildDataSourceRefreshEventData, sampleDataSourceRefresh, ZDataSourceRefreshEventData } from "./data-source-refresh";
import { defineTriggerType } from "./definition";
import { subjects } from "./subjects";

/** A refresh of a data source finished and replaced its rows. */
export const datasourceRefreshSucceeded = defineTriggerType("datasource.refresh.succeeded", {
  parameters: subjects.dataSource.parameters,
  data: ZDataSourceRefreshEventData,
  buildData: buildDataSourceRefreshEventData,
  sampleInput: (context) => sampleDataSourceRefresh(context, { rowCount: 1_250, error: null }),
});
