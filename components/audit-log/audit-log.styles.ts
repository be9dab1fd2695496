import { makeStyles, tokens } from "@fluentui/react-components";

export const useAuditLogStyles = makeStyles({
  panel: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow4, padding: tokens.spacingHorizontalL },
  filters: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalL,
  },
  field: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: "160px" },
  checkboxField: { paddingBottom: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3 },
  changes: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, fontSize: tokens.fontSizeBase200 },
  change: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  field_name: { fontWeight: tokens.fontWeightSemibold },
  paging: { display: "flex", justifyContent: "flex-end", alignItems: "center", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM },
});
