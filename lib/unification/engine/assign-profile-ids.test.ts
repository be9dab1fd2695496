import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignProfileIds } from "./assign-profile-ids";
import type { MappedRecord } from "./types";

const records: MappedRecord[] = ["a", "b", "c", "d", "e", "f"].map((key) => ({ sourceIndex: key < "d" ? 0 : 1, key, values: {}, recency: null }));
const indexOf = (key: string) => records.findIndex((record) => record.key === key);

function assign(components: string[][], previous: Record<string, string>, newPrefix = "new") {
  let next = 0;
  return assignProfileIds({
    components: components.map((keys) => keys.map(indexOf)),
    records,
    previousProfileId: (_sourceIndex, key) => previous[key],
    newId: () => `${newPrefix}${++next}`,
  });
}

describe("assignProfileIds", () => {
  it("gives new ids on the first run", () => {
    expect(assign([["a", "b"], ["c"]], {})).toEqual(["new1", "new2"]);
  });

  it("keeps every id when a run sees the same components", () => {
    const previous = { a: "P1", b: "P1", c: "P2", d: "P3", e: "P3", f: "P3" };
    expect(assign([["a", "b"], ["c"], ["d", "e", "f"]], previous)).toEqual(["P1", "P2", "P3"]);
  });

  it("keeps both ids when a record moves from one profile to another", () => {
    const previous = { a: "P1", b: "P1", c: "P1", d: "P2", e: "P2" };
    expect(assign([["a", "b"], ["c", "d", "e"]], previous)).toEqual(["P1", "P2"]);
  });

  it("gives a merge the id most of its records had, and a split's larger part the old id", () => {
    expect(assign([["a", "b", "c", "d", "e"]], { a: "P1", b: "P1", c: "P1", d: "P2", e: "P2" })).toEqual(["P1"]);
    expect(assign([["a"], ["b", "c"], ["d"]], { a: "P1", b: "P1", c: "P1", d: "P1" })).toEqual(["new1", "P1", "new2"]);
  });

  it("breaks a tie of overlaps in favour of the earliest component", () => {
    expect(assign([["a"], ["b"]], { a: "P1", b: "P1" })).toEqual(["P1", "new1"]);
  });

  it("never gives one id to two components, and keeps every id on a rerun of any partition", () => {
    const partition = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 6, maxLength: 6 }).map((groupOf) => {
      const groups = new Map<number, string[]>();
      groupOf.forEach((group, index) => groups.set(group, [...(groups.get(group) ?? []), records[index]!.key]));
      return [...groups.values()];
    });
    fc.assert(
      fc.property(partition, partition, (before, after) => {
        const first = assign(before, {}, "first");
        const previous: Record<string, string> = {};
        before.forEach((keys, component) => keys.forEach((key) => (previous[key] = first[component]!)));
        expect(assign(before, previous, "second")).toEqual(first);
        const ids = assign(after, previous, "second");
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });
});
