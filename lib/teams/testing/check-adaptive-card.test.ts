import { describe, expect, it } from "vitest";
import { checkAdaptiveCard, checkTeamsMessage } from "./check-adaptive-card";

// The checker the card tests rely on must fail the cards Teams would not render.

const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({
  type: "AdaptiveCard",
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  version: "1.5",
  body,
  ...extra,
});

describe("checkAdaptiveCard", () => {
  it("passes a plain card unchanged", () => {
    const json = card([{ type: "TextBlock", text: "Hello", wrap: true }]);
    expect(checkAdaptiveCard(json)).toEqual({ version: "1.5", issues: [], roundTrip: json });
  });

  it("reports an unknown element", () => {
    expect(checkAdaptiveCard(card([{ type: "Sparkline", points: [] }])).issues.join()).toMatch(/Unknown element type "Sparkline"/);
  });

  it("drops what it does not know, so the round trip differs", () => {
    for (const json of [card([{ type: "TextBlock", text: "x", wrap: true, color: "Purple" }]), card([{ type: "TextBlock", text: "x", wrap: true, glow: true }])]) {
      expect(checkAdaptiveCard(json).roundTrip).not.toEqual(json);
    }
  });

  it("reports a missing required property", () => {
    expect(checkAdaptiveCard(card([], { actions: [{ type: "Action.OpenUrl", title: "Open" }] })).issues).not.toEqual([]);
  });

  it("refuses a body that is not a Teams message of Adaptive Cards", () => {
    expect(checkTeamsMessage({ text: "hi" })[0]?.issues).not.toEqual([]);
    expect(checkTeamsMessage({ type: "message", attachments: [{ contentType: "application/vnd.microsoft.teams.card.o365connector", content: {} }] })[0]?.issues).not.toEqual([]);
  });
});
