// What the connector says about itself, in the definition and the properties alike.
export const connectorInfo = {
  title: "Audience Insights",
  description:
    "Triggers on data source refreshes, segment and business measure thresholds, full refreshes and unification in Audience Insights, and actions to read instances, segments, measures and customer profiles and to start refreshes.",
  version: "1.0.0",
  publisher: "Audience Insights",
  /** The brand colour of the icon's background (icon.png). */
  iconBrandColor: "#0F6CBD",
} as const;
