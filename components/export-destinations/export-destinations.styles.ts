import { makeStyles, tokens } from "@fluentui/react-components";

export const useExportDestinationsStyles = makeStyles({
  tabs: { marginBottom: tokens.spacingVerticalL },
  tiles: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(300px, 1fr))",
    gap: tokens.spacingHorizontalL,
  },
  tile: { padding: tokens.spacingHorizontalL, minHeight: "180px" },
  tileHeader: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
  tileIcon: {
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    width: "40px",
    height: "40px",
    borderRadius: tokens.borderRadiusMedium,
    fontSize: "24px",
  },
  powerAutomateIcon: { backgroundColor: tokens.colorBrandBackground2, color: tokens.colorBrandForeground1 },
  webhookIcon: { backgroundColor: tokens.colorPaletteTealBackground2, color: tokens.colorPaletteTealForeground2 },
  teamsIcon: { backgroundColor: tokens.colorPaletteLavenderBackground2, color: tokens.colorPaletteLavenderForeground2 },
  tileDescription: { color: tokens.colorNeutralForeground2, flexGrow: 1, margin: 0 },
  panel: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow4, padding: tokens.spacingHorizontalL },
  connectorPackage: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  connectorActions: { display: "flex", alignItems: "center", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  downloadLink: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  importSteps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, color: tokens.colorNeutralForeground2, display: "grid", gap: tokens.spacingVerticalXS },
  nameCell: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});
