import { describe, expect, it } from "vitest";
import type { TAttributeType } from "../attributes";
import { ZSourceMapping } from "../schemas";
import { mapSource } from "./map-source";

const attributeTypes = new Map<string, TAttributeType>([
  ["email", "text"],
  ["firstName", "text"],
  ["birthDate", "date"],
  ["totalSpent", "number"],
  ["optIn", "boolean"],
]);

const mapping = ZSourceMapping.parse({
  dataSourceId: "ds_crm",
  primaryKeyColumn: "id",
  recencyColumn: "updated",
  recencyDateFormat: "dmy",
  columns: [
    { column: "mail", attribute: "email" },
    { column: "name", attribute: "firstName" },
    { column: "born", attribute: "birthDate", dateFormat: "dmy" },
    { column: "spent", attribute: "totalSpent" },
    { column: "optin", attribute: "optIn" },
  ],
});

const input = { sourceIndex: 1, dataSourceId: "ds_crm", name: "CRM", mapping, attributeTypes };

describe("mapSource", () => {
  it("keys records by the trimmed primary key and converts every mapped column", () => {
    const { records, counts } = mapSource(input, [
      { id: " 7 ", mail: "a@x.com", name: " Núria ", born: "31/12/1990", spent: "1.234,50", optin: "Yes", updated: "02/01/2024" },
      { id: "8", mail: "", name: "Pep", born: "", spent: "", optin: "", updated: "" },
    ]);
    expect(records).toEqual([
      { sourceIndex: 1, key: "7", values: { email: "a@x.com", firstName: "Núria", birthDate: "1990-12-31", totalSpent: 1234.5, optIn: true }, recency: Date.UTC(2024, 0, 2) },
      { sourceIndex: 1, key: "8", values: { email: null, firstName: "Pep", birthDate: null, totalSpent: null, optIn: null }, recency: null },
    ]);
    expect(counts).toEqual({ dataSourceId: "ds_crm", name: "CRM", recordsIn: 2, rowsWithoutKey: 0, duplicateKeys: 0, invalidValues: [] });
  });

  it("counts rows without a key and repeated keys, keeping the first row of a key", () => {
    const { records, counts } = mapSource(input, [
      { id: "1", name: "first" },
      { id: "  ", name: "no key" },
      { name: "no key column" },
      { id: "1", name: "second" },
      { id: "2", name: "other" },
    ]);
    expect(records.map((record) => [record.key, record.values.firstName])).toEqual([["1", "first"], ["2", "other"]]);
    expect(counts).toMatchObject({ recordsIn: 5, rowsWithoutKey: 2, duplicateKeys: 1 });
  });

  it("counts invalid values per column with up to three distinct samples, leaving the attribute empty", () => {
    const rows = ["31/02/1990", "tomorrow", "31/02/1990", "00/00/0000", "1990", "01/01/1990"].map((born, index) => ({
      id: String(index),
      born,
      spent: index === 0 ? "lots" : "10",
      updated: index === 1 ? "not a date" : "",
    }));
    const { records, counts } = mapSource(input, rows);
    expect(records.map((record) => record.values.birthDate)).toEqual([null, null, null, null, null, "1990-01-01"]);
    expect(records[0]!.values.totalSpent).toBeNull();
    expect(counts.invalidValues).toEqual([
      { column: "born", attribute: "birthDate", count: 5, samples: ["31/02/1990", "tomorrow", "00/00/0000"] },
      { column: "spent", attribute: "totalSpent", count: 1, samples: ["lots"] },
      { column: "updated", attribute: "", count: 1, samples: ["not a date"] },
    ]);
  });

  it("reads rows from any iterable, once", () => {
    function* rows() {
      for (let index = 0; index < 1000; index++) yield { id: `k${index}`, spent: String(index) };
    }
    const { records } = mapSource(input, rows());
    expect(records).toHaveLength(1000);
    expect(records[999]!.values.totalSpent).toBe(999);
  });

  it("refuses a mapping to an attribute the instance does not have", () => {
    const broken = { ...input, mapping: { ...mapping, columns: [{ column: "x", attribute: "nope", dateFormat: "iso" as const }] } };
    expect(() => mapSource(broken, [])).toThrow(/nope/);
  });
});
