"use client";

import { mergeClasses } from "@fluentui/react-components";
import { FlowRegular } from "@fluentui/react-icons/svg/flow";
import { GlobeRegular } from "@fluentui/react-icons/svg/globe";
import type { TDestinationType } from "@/lib/triggers/schemas";
import { useExportDestinationsStyles } from "./export-destinations.styles";

export const DestinationIcon = ({ type, className }: { type: TDestinationType; className?: string }) => {
  const styles = useExportDestinationsStyles();
  return (
    <span aria-hidden className={mergeClasses(styles.tileIcon, type === "powerAutomate" ? styles.powerAutomateIcon : styles.webhookIcon, className)}>
      {type === "powerAutomate" ? <FlowRegular /> : <GlobeRegular />}
    </span>
  );
};
