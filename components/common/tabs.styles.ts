import { makeStyles, tokens } from "@fluentui/react-components";

export const useTabsStyles = makeStyles({
  list: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  tab: {
    position: "relative",
    border: "none",
    background: "none",
    cursor: "pointer",
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground2,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalMNudge}`,
    borderRadius: tokens.borderRadiusMedium,
    ":hover": { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorSubtleBackgroundHover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
    "::after": {
      content: '""',
      position: "absolute",
      left: tokens.spacingHorizontalMNudge,
      right: tokens.spacingHorizontalMNudge,
      bottom: 0,
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: "transparent",
    },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    // A border rather than only a colour, so forced-colors mode still shows which tab is selected.
    "::after": { backgroundColor: tokens.colorCompoundBrandStroke, border: `${tokens.strokeWidthThin} solid transparent` },
  },
});
