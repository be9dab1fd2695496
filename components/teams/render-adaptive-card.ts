import { AdaptiveCard, GlobalSettings, HostConfig, OpenUrlAction, SerializationContext, Versions } from "adaptivecards";
import { teamsLightHostConfig } from "./teams-host-config";

// Renders a card's JSON to HTML with Microsoft's own renderer, as Teams would draw it, then fixes
// what the renderer's markup does wrong for assistive technology: the caller's region names the
// card, so the card's root gets no focus stop and no name of its own (a name on a plain div is not
// allowed), and the heading takes the level that fits the page it is on.

export type RenderOptions = {
  /** The level of the card's title among the page's headings. */
  headingLevel?: number;
  /** What an Action.OpenUrl does; by default a new tab. */
  onOpenUrl?: (url: string) => void;
};

export const renderAdaptiveCard = (json: unknown, { headingLevel = 3, onOpenUrl }: RenderOptions = {}): HTMLElement | undefined => {
  GlobalSettings.setTabIndexAtCardRoot = false;
  // The product's cards are plain text (names are the user's, never markup): no Markdown pass.
  AdaptiveCard.onProcessMarkdown = (_text, result) => {
    result.didProcess = false;
  };
  const card = new AdaptiveCard();
  card.hostConfig = new HostConfig({ ...teamsLightHostConfig, textBlock: { headingLevel } });
  card.onExecuteAction = (action) => {
    if (!(action instanceof OpenUrlAction) || !action.url) return;
    if (onOpenUrl) onOpenUrl(action.url);
    else window.open(action.url, "_blank", "noopener,noreferrer");
  };
  card.parse(json, new SerializationContext(Versions.v1_5));
  const element = card.render();
  if (!element) return undefined;
  element.removeAttribute("aria-label");
  element.removeAttribute("tabindex");
  // Buttons already are buttons: the renderer's explicit role only repeats it.
  for (const button of element.querySelectorAll("button[role='button']")) button.removeAttribute("role");
  return element;
};
