import { makeStyles, tokens } from "@fluentui/react-components";
import { teamsContainerBackgrounds } from "./teams-host-config";

export const useAdaptiveCardPreviewStyles = makeStyles({
  // A Teams message's frame: the card on white, a hairline border, rounded like Teams' cards.
  frame: {
    maxWidth: "560px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: teamsContainerBackgrounds.default,
    overflow: "hidden",
    // The renderer's buttons come unstyled (its CSS is for its own demo site): Teams' look, in Fluent tokens.
    "& .ac-pushButton": {
      minHeight: "32px",
      padding: `0 ${tokens.spacingHorizontalM}`,
      border: `1px solid ${tokens.colorNeutralStroke1}`,
      borderRadius: tokens.borderRadiusMedium,
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorNeutralForeground1,
      fontFamily: "inherit",
      fontSize: tokens.fontSizeBase300,
      fontWeight: tokens.fontWeightSemibold,
      cursor: "pointer",
    },
    "& .ac-pushButton:hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    "& .ac-pushButton:focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
});
