import { describe, expect, it } from "vitest";
import { describeChanges } from "./describe-changes";

describe("describeChanges", () => {
  it("shows updates as before → after, empty values as a dash", () => {
    expect(describeChanges({ status: { before: "active", after: "paused" }, dataSourceId: { before: null, after: "ds_1" } })).toEqual([
      { field: "status", text: "active → paused" },
      { field: "dataSourceId", text: "— → ds_1" },
    ]);
  });

  it("lists a created or deleted record's filled fields only, nested records without their ids", () => {
    expect(
      describeChanges({
        name: { after: "Orders" },
        location: { after: null },
        requiredColumns: { after: ["order_id", "total"] },
        upload: { after: { id: "u1", fileName: "orders.csv", sizeBytes: 22 } },
      }),
    ).toEqual([
      { field: "name", text: "Orders" },
      { field: "requiredColumns", text: "order_id, total" },
      { field: "upload", text: "fileName: orders.csv, sizeBytes: 22" },
    ]);
  });

  it("shortens long values", () => {
    const [line] = describeChanges({ callbackUrl: { before: `https://x.example/${"a".repeat(200)}` } });
    expect(line!.text).toHaveLength(80);
    expect(line!.text.endsWith("…")).toBe(true);
  });
});
