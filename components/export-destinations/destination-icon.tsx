"use client";

import { mergeClasses } from "@fluentui/react-components";
import { FlowRegular } from "@fluentui/react-icons/svg/flow";
import { GlobeRegular } from "@fluentui/react-icons/svg/globe";
import { PeopleTeamRegular } from "@fluentui/react-icons/svg/people-team";
import type { TDestinationType } from "@/lib/triggers/schemas";
import { useExportDestinationsStyles } from "./export-destinations.styles";

const iconStyle: Record<TDestinationType, (styles: ReturnType<typeof useExportDestinationsStyles>) => string> = {
  powerAutomate: (styles) => styles.powerAutomateIcon,
  webhook: (styles) => styles.webhookIcon,
  teams: (styles) => styles.teamsIcon,
};

export const DestinationIcon = ({ type, className }: { type: TDestinationType; className?: string }) => {
  const styles = useExportDestinationsStyles();
  return (
    <span aria-hidden className={mergeClasses(styles.tileIcon, iconStyle[type](styles), className)}>
      {type === "powerAutomate" ? <FlowRegular /> : type === "teams" ? <PeopleTeamRegular /> : <GlobeRegular />}
    </span>
  );
};
