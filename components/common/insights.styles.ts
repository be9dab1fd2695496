import { makeStyles, tokens } from "@fluentui/react-components";

// The segment, measure and System screens share their layout: panels of a list, a detail and an editor.
export const useInsightsStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    padding: tokens.spacingHorizontalL,
    // Shadows vanish in forced-colors mode; a transparent outline then shows as the panel's edge.
    outline: `${tokens.strokeWidthThin} solid transparent`,
  },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  toolbar: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", justifyContent: "space-between", flexWrap: "wrap" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  muted: { color: tokens.colorNeutralForeground3 },
  facts: {
    margin: 0,
    display: "grid",
    gridTemplateColumns: "minmax(140px, max-content) 1fr",
    columnGap: tokens.spacingHorizontalXL,
    rowGap: tokens.spacingVerticalXS,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: "anywhere" },
  bigNumber: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  field: { maxWidth: "480px" },
});
