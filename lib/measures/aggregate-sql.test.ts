import { describe, expect, it } from "vitest";
import { dateValue } from "./aggregate-sql";
import { ZMeasureInput } from "./schemas";

describe("dateValue", () => {
  it("reads a YYYY-MM-DD date as its midnight UTC in milliseconds", () => {
    expect(dateValue("2024-03-01")).toBe(Date.UTC(2024, 2, 1));
    expect(dateValue("1969-12-31")).toBe(-86_400_000);
  });

  it("has no value for what is not such a date", () => {
    expect(dateValue("2024-02-30")).toBeNull();
    expect(dateValue("01/03/2024")).toBeNull();
    expect(dateValue("")).toBeNull();
  });
});

describe("ZMeasureInput", () => {
  it("needs an attribute except to count profiles", () => {
    expect(ZMeasureInput.safeParse({ name: "Profiles", aggregation: "count" }).success).toBe(true);
    const sum = ZMeasureInput.safeParse({ name: "Spend", aggregation: "sum" });
    expect(sum.error?.issues.map((issue) => issue.path.join("."))).toEqual(["attribute"]);
  });
});
