// A HostConfig close to Microsoft Teams' light theme (Segoe UI, Teams' neutral and status colours,
// its spacing), so the preview looks like the message the channel will get. Every foreground colour
// keeps at least 4.5:1 against the container styles it can sit on (teams-host-config.test.ts).

const text = (color: string, subtle: string) => ({ default: color, subtle });

export const teamsContainerBackgrounds = {
  default: "#FFFFFF",
  emphasis: "#F5F5F5",
  good: "#F1FAF1",
  attention: "#FDF3F4",
  warning: "#FFF9F5",
  accent: "#EBF3FC",
} as const;

const foregroundColors = {
  default: text("#242424", "#616161"),
  dark: text("#242424", "#424242"),
  light: text("#FFFFFF", "#F5F5F5"),
  accent: text("#4F52B2", "#4F52B2"),
  good: text("#0E700E", "#0E700E"),
  warning: text("#835B00", "#835B00"),
  attention: text("#B10E1C", "#B10E1C"),
};

const containerStyle = (backgroundColor: string) => ({ backgroundColor, foregroundColors });

export const teamsLightHostConfig = {
  fontFamily: "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif",
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: "#E0E0E0" },
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  lineHeights: { small: 16, default: 20, medium: 20, large: 24, extraLarge: 32 },
  containerStyles: Object.fromEntries(Object.entries(teamsContainerBackgrounds).map(([style, background]) => [style, containerStyle(background)])),
  actions: {
    maxActions: 6,
    spacing: "default",
    buttonSpacing: 8,
    showCard: { actionMode: "inline", inlineTopMargin: 16 },
    actionsOrientation: "horizontal",
    actionAlignment: "left",
    iconPlacement: "leftOfTitle",
  },
  factSet: {
    title: { color: "default", size: "default", isSubtle: false, weight: "bolder", wrap: true, maxWidth: 150 },
    value: { color: "default", size: "default", isSubtle: false, weight: "default", wrap: true },
    spacing: 12,
  },
  textBlock: { headingLevel: 2 },
  textStyles: {
    heading: { size: "large", weight: "bolder", color: "default", isSubtle: false, fontType: "default" },
    columnHeader: { size: "default", weight: "bolder", color: "default", isSubtle: false, fontType: "default" },
  },
};

/** Foreground colours by name, for the contrast check. */
export const teamsForegroundColors = foregroundColors;
