import { appPaths } from "../../routing/app-paths";
import type { CardContext } from "../card-context";
import { type CardParts, fact, statusText, submissionText } from "../card-frame";
import type { CardEvent, CardEventData } from "./card-event";

// Both data source refresh types: which source, how the run ended, its rows or its error.

type RefreshType = "datasource.refresh.failed" | "datasource.refresh.succeeded";

export const dataSourceRefreshCard = <T extends RefreshType>(event: CardEvent<T>, context: CardContext): CardParts => {
  const { t, format } = context;
  const data: CardEventData<RefreshType> = event.data;
  const failed = event.type === "datasource.refresh.failed";
  return {
    title: t(failed ? "teamsCard.title.dataSourceRefreshFailed" : "teamsCard.title.dataSourceRefreshSucceeded", { name: data.dataSource.name }),
    tone: failed ? "attention" : "good",
    facts: [
      fact(t("teamsCard.fact.dataSource"), data.dataSource.name),
      fact(t("teamsCard.fact.status"), statusText(context, data.run.status)),
      fact(t("teamsCard.fact.rows"), data.run.rowCount === null ? null : format.number(data.run.rowCount)),
      fact(t("teamsCard.fact.error"), data.error ? context.errorText("refreshError", data.error) : null),
      fact(t("teamsCard.fact.submission"), submissionText(context, data.run.submissionKind)),
      fact(t("teamsCard.fact.finished"), format.dateTime(data.run.finishedAt)),
      fact(t("teamsCard.fact.duration"), format.duration(data.run.durationMs)),
    ],
    link: appPaths.dataSources(event.instanceId),
  };
};
