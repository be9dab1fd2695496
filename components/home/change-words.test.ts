import { describe, expect, it } from "vitest";
import { createFormatters } from "@/lib/i18n/format";
import { ca } from "@/lib/i18n/messages/ca";
import { en } from "@/lib/i18n/messages/en";
import { createTranslator } from "@/lib/i18n/translate";
import { DAY_MS } from "@/components/thresholds/threshold-values";
import { describeChange } from "./change-words";

const wordsIn = (locale: "en" | "ca") => {
  const t = createTranslator(locale === "en" ? en : ca);
  return { t, format: createFormatters(locale, t) };
};
const words = wordsIn("en");

describe("the change since the previous computation", () => {
  it("up or down, by how much and by what share", () => {
    expect(describeChange(1200, 1000, "count", words)).toBe("Up 200 (20%) since the previous computation");
    expect(describeChange(75.5, 100, "number", words)).toBe("Down 24.5 (24.5%) since the previous computation");
    // Catalan puts a no-break space before the percent sign.
    expect(describeChange(1200, 1000, "count", wordsIn("ca"))).toMatch(/^Ha pujat 200 \(20\s%\) des del càlcul anterior$/);
  });

  it("no share from zero, days for dates, and the plain cases", () => {
    expect(describeChange(5, 0, "count", words)).toBe("Up 5 since the previous computation");
    expect(describeChange(Date.UTC(2026, 0, 10), Date.UTC(2026, 0, 7), "date", words)).toBe("Up 3 days since the previous computation");
    expect(describeChange(Date.UTC(2026, 0, 6), Date.UTC(2026, 0, 7), "date", words)).toBe(`Down 1 day since the previous computation`);
    expect(describeChange(7, 7, "count", words)).toBe("Unchanged since the previous computation");
    expect(describeChange(7, null, "count", words)).toBe("No previous computation to compare with");
    expect(DAY_MS).toBe(86_400_000);
  });
});
