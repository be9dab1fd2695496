import { makeStyles, tokens } from "@fluentui/react-components";

// The layout (stack, panel, sectionTitle, toolbar, actions, muted) is the insights screens' one.
export const useSystemStyles = makeStyles({
  messages: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, margin: 0 },
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
