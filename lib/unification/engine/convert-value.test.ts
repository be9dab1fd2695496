import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertValue, parseDate } from "./convert-value";

describe("convertValue", () => {
  it("reads empty and whitespace as no value, for every type", () => {
    for (const type of ["text", "number", "date", "boolean"] as const) {
      expect(convertValue("", type)).toEqual({ ok: true, value: null });
      expect(convertValue("  \t ", type)).toEqual({ ok: true, value: null });
    }
  });

  it("keeps text trimmed", () => {
    expect(convertValue("  Núria  ", "text")).toEqual({ ok: true, value: "Núria" });
  });

  it.each([
    ["1234.5", 1234.5],
    ["-3", -3],
    ["+7", 7],
    ["1,234.50", 1234.5],
    ["1234,5", 1234.5],
    ["1.234,50", 1234.5],
    ["1.234.567", 1234567],
    ["12,345,678", 12345678],
    [".5", 0.5],
    [" 42 ", 42],
  ])("reads the number %s", (text, expected) => {
    expect(convertValue(text, "number")).toEqual({ ok: true, value: expected });
  });

  it.each(["abc", "1,2,3", "12..5", "1e5", "--3", "1 234", "NaN", "Infinity"])("refuses %s as a number", (text) => {
    expect(convertValue(text, "number")).toEqual({ ok: false });
  });

  it("reads every number JavaScript writes in plain notation", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const text = `${whole}.${String(cents).padStart(2, "0")}`;
        expect(convertValue(text, "number")).toEqual({ ok: true, value: Number(text) });
      }),
    );
  });

  it.each([
    ["2024-02-29", "iso", "2024-02-29"],
    ["2024-02-29T10:11:12Z", "iso", "2024-02-29"],
    ["2024-02-29 10:11", "dmy", "2024-02-29"],
    ["29/02/2024", "dmy", "2024-02-29"],
    ["1-2-2023", "dmy", "2023-02-01"],
    ["01.02.2023", "dmy", "2023-02-01"],
    ["02/01/2023", "mdy", "2023-02-01"],
    ["12-31-1999", "mdy", "1999-12-31"],
  ] as const)("reads the date %s (%s)", (text, format, expected) => {
    expect(convertValue(text, "date", format)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["2023-02-29", "iso"],
    ["1900-02-29", "iso"],
    ["2023-13-01", "iso"],
    ["2023-04-31", "iso"],
    ["31/04/2023", "dmy"],
    ["13/31/2023", "dmy"],
    ["31/12/2023", "mdy"],
    ["29/02/2024", "iso"],
    ["2024-01-01T25:00", "iso"],
    ["2024-01-01 garbage", "iso"],
    ["yesterday", "dmy"],
  ] as const)("refuses the impossible or unreadable date %s (%s)", (text, format) => {
    expect(convertValue(text, "date", format)).toEqual({ ok: false });
  });

  it("gives the instant of a date with a time and an offset", () => {
    expect(parseDate("2024-03-01T10:00:00+02:00", "iso")?.epochMs).toBe(Date.UTC(2024, 2, 1, 8));
    expect(parseDate("2024-03-01T10:00:00.250Z", "iso")?.epochMs).toBe(Date.UTC(2024, 2, 1, 10, 0, 0, 250));
    expect(parseDate("01/03/2024", "dmy")?.epochMs).toBe(Date.UTC(2024, 2, 1));
    expect(parseDate("0050-01-02", "iso")?.epochMs).toBe(new Date("0050-01-02T00:00:00Z").getTime());
  });

  it("round-trips every real calendar day through ISO, dmy and mdy", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }), (instant) => {
        const iso = instant.toISOString().slice(0, 10);
        const [year, month, day] = iso.split("-");
        expect(convertValue(iso, "date")).toEqual({ ok: true, value: iso });
        expect(convertValue(`${day}/${month}/${year}`, "date", "dmy")).toEqual({ ok: true, value: iso });
        expect(convertValue(`${month}/${day}/${year}`, "date", "mdy")).toEqual({ ok: true, value: iso });
      }),
    );
  });

  it.each([
    ["true", true], ["YES", true], ["y", true], ["1", true], ["True", true],
    ["false", false], ["No", false], ["N", false], ["0", false],
  ] as const)("reads the boolean %s", (text, expected) => {
    expect(convertValue(text, "boolean")).toEqual({ ok: true, value: expected });
  });

  it("refuses other words as booleans", () => {
    expect(convertValue("maybe", "boolean")).toEqual({ ok: false });
    expect(convertValue("2", "boolean")).toEqual({ ok: false });
  });
});
