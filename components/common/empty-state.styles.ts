import { makeStyles, tokens } from "@fluentui/react-components";

export const useEmptyStateStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    textAlign: "center",
    gap: tokens.spacingVerticalM,
    paddingBlock: tokens.spacingVerticalXXXL,
    paddingInline: tokens.spacingHorizontalXXL,
  },
  icon: { fontSize: "48px", color: tokens.colorBrandForeground1 },
  body: { color: tokens.colorNeutralForeground2, maxWidth: "52ch", margin: 0 },
  title: { margin: 0 },
});
