// @vitest-environment happy-dom
import axe from "axe-core";
import { act, createElement } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { I18nProvider } from "@/lib/i18n/i18n-provider";
import { getMessages } from "@/lib/i18n/locales";
import { createTranslator } from "@/lib/i18n/translate";
import { composeAdaptiveCard } from "@/lib/teams/compose-adaptive-card";
import { sampleEventOf } from "@/lib/teams/testing/card-events";
import { AdaptiveCardPreview } from "./adaptive-card-preview";

// The component the wizard will show: a named region, the renderer loaded lazily into it, the card
// built in the browser from the page's own translator (the wizard has one catalog, not both).

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  document.body.innerHTML = "";
});

describe("AdaptiveCardPreview", () => {
  it("shows the card in a region named in the page's language, and passes axe", async () => {
    const messages = getMessages("ca");
    const card = composeAdaptiveCard(sampleEventOf("refresh.full.completed"), {
      appBaseUrl: "https://insights.contoso.example",
      locale: "ca",
      t: createTranslator(messages),
    });
    const host = document.createElement("main");
    document.body.append(host);
    const root = createRoot(host);
    await act(async () => {
      const page = [createElement("h1", { key: "title" }, "Configura"), createElement(AdaptiveCardPreview, { key: "preview", card, headingLevel: 2 })];
      root.render(createElement(I18nProvider, { locale: "ca", messages, children: page }));
    });
    // The renderer's chunk loads after the first render; its arrival is a React update too.
    await act(async () => {
      await import("./rendered-adaptive-card");
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(host.querySelector(".ac-adaptiveCard")).not.toBeNull();
    const region = host.querySelector("section");
    expect(region?.getAttribute("aria-label")).toBe(messages["teamsCard.preview.label"]);
    expect(region?.querySelector("[role='heading']")?.textContent).toBe("Actualització completa acabada: Contoso Retail");
    const results = await axe.run(host, { rules: { "color-contrast": { enabled: false } } });
    expect([...results.violations, ...results.incomplete].map((result) => result.id)).toEqual([]);
    await act(async () => root.unmount());
  });
});
