import { describe, expect, it } from "vitest";
import { ZDraftTestFire, ZListDeliveriesQuery } from "./schemas";

describe("ZDraftTestFire", () => {
  it("has no display name and an optional secret", () => {
    const draft = { type: "datasource.refresh.succeeded", parameters: { dataSourceId: null }, callbackUrl: "https://a.example.com" };
    expect(ZDraftTestFire.parse(draft)).toEqual(draft);
    expect(ZDraftTestFire.safeParse({ ...draft, displayName: "x" }).success).toBe(false);
  });
});

describe("ZListDeliveriesQuery", () => {
  it("defaults to 50 and accepts 1..200", () => {
    expect(ZListDeliveriesQuery.parse({})).toEqual({ limit: 50 });
    expect(ZListDeliveriesQuery.parse({ limit: "1" })).toEqual({ limit: 1 });
    expect(ZListDeliveriesQuery.parse({ limit: "200" })).toEqual({ limit: 200 });
  });

  it.each(["0", "201", "abc", "1.5", "-3", ""])("refuses limit=%j", (limit) => {
    expect(ZListDeliveriesQuery.safeParse({ limit }).success).toBe(false);
  });
});
