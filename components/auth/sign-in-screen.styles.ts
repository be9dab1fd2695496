import { makeStyles, tokens } from "@fluentui/react-components";

export const useSignInScreenStyles = makeStyles({
  root: {
    minHeight: "100vh",
    display: "grid",
    gridTemplateRows: "48px 1fr",
    backgroundColor: tokens.colorNeutralBackground2,
  },
  header: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
  },
  brandIcon: { fontSize: "20px", display: "flex" },
  main: { display: "flex", alignItems: "center", justifyContent: "center", padding: tokens.spacingHorizontalXXL },
  card: {
    width: "100%",
    maxWidth: "440px",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusXLarge,
    boxShadow: tokens.shadow8,
  },
  icon: { fontSize: "40px", color: tokens.colorBrandForeground1, display: "flex" },
  title: { margin: 0 },
  body: { margin: 0, color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
  centered: { display: "flex", alignItems: "center", justifyContent: "center", minHeight: "100vh" },
});
