import { describe, expect, it } from "vitest";
import { previewRunTimes } from "./schedule-preview";

const from = new Date("2026-11-27T12:00:00Z");
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe("previewRunTimes", () => {
  it("merges every expression's times in the schedule's zone, five at most", () => {
    const preview = previewRunTimes({ cronExpressions: ["0 2 * * *", "0 14 * * *"], timeZone: "Europe/Madrid" }, from);
    // Madrid is UTC+1 in November: 02:00 and 14:00 there are 01:00 and 13:00 UTC.
    expect(iso(preview.times)).toEqual([
      "2026-11-27T13:00:00.000Z",
      "2026-11-28T01:00:00.000Z",
      "2026-11-28T13:00:00.000Z",
      "2026-11-29T01:00:00.000Z",
      "2026-11-29T13:00:00.000Z",
    ]);
    expect(preview.invalid).toEqual([]);
  });

  it("changes with the zone", () => {
    const preview = previewRunTimes({ cronExpressions: ["0 2 * * *"], timeZone: "America/New_York" }, from);
    expect(iso(preview.times)[0]).toBe("2026-11-28T07:00:00.000Z");
  });

  it("leaves invalid expressions out and names their positions", () => {
    const preview = previewRunTimes({ cronExpressions: ["0 2 * *", "0 2 * * *", ""], timeZone: "UTC" }, from);
    expect(preview.invalid).toEqual([0, 2]);
    expect(iso(preview.times)[0]).toBe("2026-11-28T02:00:00.000Z");
  });

  it("shows nothing for an unknown zone", () => {
    const preview = previewRunTimes({ cronExpressions: ["0 2 * * *"], timeZone: "Mars/Olympus" }, from);
    expect(preview).toMatchObject({ times: [], zoneValid: false });
  });
});
