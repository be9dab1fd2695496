// The part of the Adaptive Card schema the product's cards use, typed, so a card that Teams would
// not understand does not compile. Every element here exists since schema 1.0, except the heading
// style of a TextBlock (1.5), which screen readers announce as a heading.

/** The newest schema Teams renders (Copilot Studio's docs: "Teams is also limited to version 1.5"). */
export const TEAMS_CARD_VERSION = "1.5";

export const ADAPTIVE_CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

export type TextBlock = {
  type: "TextBlock";
  text: string;
  wrap: true;
  style?: "heading";
  size?: "Small" | "Medium" | "Large";
  weight?: "Bolder";
  color?: "Attention" | "Good" | "Warning" | "Accent";
  isSubtle?: true;
  spacing?: "None" | "Small" | "Medium";
};

export type Fact = { title: string; value: string };
export type FactSet = { type: "FactSet"; facts: Fact[]; separator?: true; spacing?: "Medium" };

export type Container = {
  type: "Container";
  items: CardElement[];
  style?: "emphasis" | "good" | "attention" | "warning";
  bleed?: true;
};

export type CardElement = TextBlock | FactSet | Container;

export type OpenUrlAction = { type: "Action.OpenUrl"; title: string; url: string };

export type AdaptiveCardContent = {
  type: "AdaptiveCard";
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: typeof TEAMS_CARD_VERSION;
  /** What a host that cannot render the card (and a notification) shows instead. */
  fallbackText: string;
  /** What a screen reader says for the card as a whole. */
  speak: string;
  body: CardElement[];
  actions: OpenUrlAction[];
};

export const textBlock = (text: string, options: Omit<TextBlock, "type" | "text" | "wrap"> = {}): TextBlock => ({ type: "TextBlock", text, wrap: true, ...options });

/** Facts without a value (a count the run never reached) are left out rather than shown empty. */
export const factSet = (facts: Array<Fact | null>, options: Omit<FactSet, "type" | "facts"> = {}): FactSet => ({
  type: "FactSet",
  facts: facts.filter((fact): fact is Fact => fact !== null && fact.value !== ""),
  ...options,
});
