import { describe, expect, it } from "vitest";
import { teamsContainerBackgrounds, teamsForegroundColors } from "./teams-host-config";

// axe cannot measure contrast without layout (the render test runs in happy-dom), so the theme's
// colours are checked here, by WCAG's formula: text at least 4.5:1 on every container style.

const luminance = (hex: string) => {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

describe("the Teams light theme", () => {
  // `light` is for dark backgrounds, which the product's cards never use.
  const used = Object.entries(teamsForegroundColors).filter(([name]) => name !== "light");
  it.each(Object.entries(teamsContainerBackgrounds))("keeps every text colour readable on the %s style", (_style, background) => {
    const tooLow = used.flatMap(([name, { default: normal, subtle }]) =>
      [
        [`${name}`, normal],
        [`${name} subtle`, subtle],
      ]
        .map(([label, color]) => ({ label, ratio: Math.round(contrast(color!, background) * 100) / 100 }))
        .filter(({ ratio }) => ratio < 4.5),
    );
    expect(tooLow).toEqual([]);
  });
});
