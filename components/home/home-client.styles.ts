import { makeStyles, tokens } from "@fluentui/react-components";

export const useHomeStyles = makeStyles({
  stats: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(240px, 1fr))",
    gap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalXXL,
  },
  stat: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL },
  statLabel: { color: tokens.colorNeutralForeground2 },
  statValue: { fontSize: tokens.fontSizeHero800, lineHeight: tokens.lineHeightHero800, fontWeight: tokens.fontWeightSemibold },
  steps: { padding: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  insightSection: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, marginBottom: tokens.spacingVerticalXXL },
  sectionHeader: { display: "flex", alignItems: "baseline", justifyContent: "space-between", gap: tokens.spacingHorizontalL, flexWrap: "wrap" },
  insights: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(240px, 1fr))", gap: tokens.spacingHorizontalL },
  insight: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, padding: tokens.spacingHorizontalL },
  insightName: { fontWeight: tokens.fontWeightSemibold },
  insightValue: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  sparkline: { display: "block", width: "100%", height: "32px", marginTop: tokens.spacingVerticalXS },
  emptyCard: { padding: tokens.spacingHorizontalL, alignItems: "flex-start" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});
