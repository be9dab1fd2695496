import { describe, expect, it } from "vitest";
import { filterTimeZones, formToInput, scheduleToForm, timeZoneOptions } from "./schedule-form";

const saved = { instanceId: "i", enabled: true, cronExpressions: ["0 2 * * *", "30 14 * * 1-5"], timeZone: "Europe/Madrid", updatedAt: "2026-11-01T00:00:00.000Z", nextRunTimes: [] };

describe("schedule form", () => {
  it("edits a saved schedule as it is, each expression with its own key", () => {
    const form = scheduleToForm(saved, "America/New_York");
    expect(form.timeZone).toBe("Europe/Madrid");
    expect(form.expressions.map((expression) => expression.value)).toEqual(["0 2 * * *", "30 14 * * 1-5"]);
    expect(new Set(form.expressions.map((expression) => expression.key)).size).toBe(2);
    expect(formToInput(form)).toEqual({ enabled: true, cronExpressions: ["0 2 * * *", "30 14 * * 1-5"], timeZone: "Europe/Madrid" });
  });

  it("starts a schedule never saved in the user's zone with one empty expression", () => {
    const form = scheduleToForm({ ...saved, enabled: false, cronExpressions: [], timeZone: "UTC", updatedAt: null }, "America/New_York");
    expect(form).toMatchObject({ enabled: false, timeZone: "America/New_York" });
    expect(form.expressions.map((expression) => expression.value)).toEqual([""]);
  });

  it("trims what is sent", () => {
    const form = scheduleToForm(saved, "UTC");
    form.expressions[0]!.value = "  5 4 * * *  ";
    expect(formToInput(form).cronExpressions[0]).toBe("5 4 * * *");
  });
});

describe("time zones", () => {
  it("lists the browser's zones, UTC and the zones in use, once each", () => {
    const zones = timeZoneOptions("Europe/Madrid", "Etc/GMT+5");
    expect(zones).toContain("UTC");
    expect(zones).toContain("Etc/GMT+5");
    expect(zones.filter((zone) => zone === "Europe/Madrid")).toHaveLength(1);
  });

  it("finds zones by the words typed, ignoring case, slashes and underscores", () => {
    const zones = ["America/New_York", "Europe/Madrid", "Atlantic/Madeira"];
    expect(filterTimeZones(zones, "new york")).toEqual(["America/New_York"]);
    expect(filterTimeZones(zones, "MAD")).toEqual(["Europe/Madrid", "Atlantic/Madeira"]);
    expect(filterTimeZones(zones, "europe/ma")).toEqual(["Europe/Madrid"]);
    expect(filterTimeZones(zones, "")).toEqual(zones);
  });
});
