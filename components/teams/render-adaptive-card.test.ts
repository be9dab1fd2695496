// @vitest-environment happy-dom
import axe from "axe-core";
import { describe, expect, it, vi } from "vitest";
import { buildAdaptiveCard } from "@/lib/teams/build-adaptive-card";
import { realEventOf, sampleEventOf } from "@/lib/teams/testing/card-events";
import { triggerTypes } from "@/lib/triggers/types/vocabulary";
import { renderAdaptiveCard } from "./render-adaptive-card";

// What the preview puts on the page: every type's card, as Microsoft's renderer draws it with the
// Teams theme, inside the labelled region AdaptiveCardPreview wraps it in, passes axe.
// (happy-dom computes no layout, so axe's colour-contrast rule cannot run here:
// teams-host-config.test.ts checks the theme's colours instead.)

const appBaseUrl = "https://insights.contoso.example";

const renderInRegion = (card: unknown) => {
  document.body.innerHTML = `<main><h1>Set up a trigger</h1><h2>Message</h2><section aria-label="Preview of the Teams message"></section></main>`;
  const region = document.querySelector("section")!;
  const rendered = renderAdaptiveCard(card, { headingLevel: 3, onOpenUrl: vi.fn() });
  region.append(rendered!);
  return region;
};

describe("the rendered card", () => {
  it.each(triggerTypes.flatMap((type) => [sampleEventOf(type), realEventOf(type)]))("$type ($id) has no axe violations", async (event) => {
    renderInRegion(buildAdaptiveCard(event, { appBaseUrl, locale: "ca" }));
    const results = await axe.run(document.body, { rules: { "color-contrast": { enabled: false } } });
    const found = (outcomes: axe.Result[]) => outcomes.map((outcome) => `${outcome.id}: ${outcome.nodes.map((node) => node.html).join(" | ")}`);
    expect(found(results.violations)).toEqual([]);
    // "Needs review" too: axe files a name on an element that may not have one (the renderer's root) there.
    expect(found(results.incomplete)).toEqual([]);
  });

  it("shows the title as a heading at the page's level, the facts, and a button that opens the app", () => {
    const onOpenUrl = vi.fn();
    document.body.innerHTML = "";
    const card = buildAdaptiveCard(sampleEventOf("datasource.refresh.failed"), { appBaseUrl });
    const rendered = renderAdaptiveCard(card, { headingLevel: 4, onOpenUrl })!;
    document.body.append(rendered);
    const heading = rendered.querySelector("[role='heading']");
    expect(heading?.getAttribute("aria-level")).toBe("4");
    expect(heading?.textContent).toBe("Data source refresh failed: Web store customers");
    expect(rendered.textContent).toContain("Test event");
    expect(rendered.hasAttribute("tabindex")).toBe(false);
    const button = [...rendered.querySelectorAll("button")].find((candidate) => candidate.textContent === "Open in Audience Insights");
    // happy-dom's click cannot run the renderer's handler (it sets cancelBubble): call it as the browser would.
    button!.onclick?.call(button!, { preventDefault: () => undefined, cancelBubble: false } as unknown as PointerEvent);
    expect(onOpenUrl).toHaveBeenCalledWith(`${appBaseUrl}/instances/ins_contoso/data-sources`);
  });
});
