import { makeStyles, tokens } from "@fluentui/react-components";

export const useSystemStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  messages: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    padding: tokens.spacingHorizontalL,
    // Shadows vanish in forced-colors mode; a transparent outline then shows the panel's edge.
    outline: `${tokens.strokeWidthThin} solid transparent`,
  },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, margin: 0 },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  toolbar: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", justifyContent: "space-between", flexWrap: "wrap" },
  tableWrap: { overflowX: "auto" },
  numeric: { fontVariantNumeric: "tabular-nums" },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  expressions: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  expression: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS },
  expressionField: { flexGrow: 1, maxWidth: "420px" },
  // The remove button lines up with the input, below the field's label.
  removeButton: { marginTop: "26px" },
  field: { maxWidth: "420px" },
  // A fieldset groups the expressions for assistive technology without its default frame.
  fieldset: { border: "none", margin: 0, padding: 0 },
  detailsSurface: { maxWidth: "1040px" },
  runTimes: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, fontVariantNumeric: "tabular-nums" },
});
