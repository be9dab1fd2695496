import { appPaths } from "../../routing/app-paths";
import type { CardContext } from "../card-context";
import { type CardParts, fact, statusText, submissionText } from "../card-frame";
import type { CardEvent } from "./card-event";

// A unification run: how it ended, its headline counts, and each stage's status.

export const unificationCompletedCard = (event: CardEvent<"unification.refresh.completed">, context: CardContext): CardParts => {
  const { t, format } = context;
  const { data } = event;
  const failed = data.run.status === "failed";
  const matchedPairs = data.stages.find((stage) => stage.stage === "match")?.counts;
  return {
    title: t(failed ? "teamsCard.title.unificationFailed" : "teamsCard.title.unificationCompleted", { instance: data.instance.name }),
    tone: failed ? "attention" : "good",
    facts: [
      fact(t("teamsCard.fact.status"), statusText(context, data.run.status)),
      fact(t("teamsCard.fact.error"), data.error ? context.errorText("unificationError", data.error) : null),
      fact(t("teamsCard.fact.recordsIn"), data.recordsIn === null ? null : format.number(data.recordsIn)),
      fact(t("teamsCard.fact.matchedPairs"), matchedPairs && "matchedPairs" in matchedPairs ? format.number(matchedPairs.matchedPairs) : null),
      fact(t("teamsCard.fact.profilesOut"), data.profilesOut === null ? null : format.number(data.profilesOut)),
      fact(t("teamsCard.fact.matchRate"), data.matchRate === null ? null : format.percent(data.matchRate)),
      fact(t("teamsCard.fact.submission"), submissionText(context, data.run.submissionKind)),
      fact(t("teamsCard.fact.finished"), format.dateTime(data.run.finishedAt)),
      fact(t("teamsCard.fact.duration"), format.duration(data.run.durationMs)),
    ],
    sections: [
      {
        heading: t("teamsCard.section.stages"),
        facts: data.stages.map((stage) => {
          const key = `unify.stage.${stage.stage}`;
          const status = statusText(context, stage.status);
          return fact(
            context.t.has(key) ? t(key) : stage.stage,
            stage.durationMs === null ? status : t("teamsCard.statusWithDuration", { status, duration: format.duration(stage.durationMs) }),
          );
        }),
      },
    ],
    link: appPaths.unify(event.instanceId),
  };
};
