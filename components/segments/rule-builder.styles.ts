import { makeStyles, tokens } from "@fluentui/react-components";

export const useRuleBuilderStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, margin: 0, padding: 0, border: "none", minWidth: 0 },
  legend: { padding: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalS },
  combinator: { maxWidth: "320px" },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: {
    display: "grid",
    gridTemplateColumns: "minmax(180px, 1.2fr) minmax(150px, 1fr) minmax(180px, 1.4fr) auto",
    gap: tokens.spacingHorizontalS,
    alignItems: "start",
  },
  noValue: { alignSelf: "center", color: tokens.colorNeutralForeground3 },
  group: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  groupHeader: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "end", justifyContent: "space-between", flexWrap: "wrap" },
  groupTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  ruleError: { color: tokens.colorPaletteRedForeground1 },
});
