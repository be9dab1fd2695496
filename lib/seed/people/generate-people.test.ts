import { describe, expect, it } from "vitest";
import { generatePeople } from "./generate-people";

describe("generatePeople", () => {
  it("gives the same rows for the same seed, and other rows for another", () => {
    const first = generatePeople({ seed: 3, records: 400 });
    const again = generatePeople({ seed: 3, records: 400 });
    const other = generatePeople({ seed: 4, records: 400 });
    const rowsOf = (people: typeof first) => people.sources.map((source) => Array.from(source.rows()));
    expect(rowsOf(again)).toEqual(rowsOf(first));
    expect(rowsOf(other)).not.toEqual(rowsOf(first));
    // Rows are regenerated on each call, identically.
    expect(Array.from(first.sources[0]!.rows())).toEqual(rowsOf(first)[0]);
  });

  it("says which rows are the same person, with duplicates across and within sources", () => {
    const people = generatePeople({ seed: 11, records: 3000, sources: 3 });
    expect(people.sources.map((source) => source.name)).toEqual(["CRM contacts", "Web orders", "Loyalty members"]);
    const total = people.sources.reduce((sum, source) => sum + source.rowCount, 0);
    expect(total).toBeGreaterThanOrEqual(3000);
    const sourcesOfPerson = new Map<number, number[]>();
    for (const [index, source] of people.sources.entries()) {
      const rows = Array.from(source.rows());
      expect(rows).toHaveLength(source.rowCount);
      expect(source.personOfRow).toHaveLength(source.rowCount);
      expect(new Set(rows.map((row) => row[source.primaryKeyColumn])).size).toBe(rows.length);
      for (const person of source.personOfRow) sourcesOfPerson.set(person, [...(sourcesOfPerson.get(person) ?? []), index]);
    }
    expect(sourcesOfPerson.size).toBe(people.persons);
    const appearances = [...sourcesOfPerson.values()];
    expect(appearances.filter((sources) => new Set(sources).size >= 2).length).toBeGreaterThan(people.persons / 3);
    expect(appearances.filter((sources) => new Set(sources).size < sources.length).length).toBeGreaterThan(0);
  });

  it("writes the noise real exports have", () => {
    const people = generatePeople({ seed: 5, records: 5000, sources: 3 });
    const values = (attribute: string) =>
      people.sources.flatMap((source) => {
        const column = source.columns.find((mapping) => mapping.attribute === attribute)!.column;
        return Array.from(source.rows(), (row) => row[column]!);
      });
    const phones = values("phone");
    expect(phones.some((phone) => /^\d{3} \d{2} \d{2} \d{2,3}$/.test(phone))).toBe(true);
    expect(phones.some((phone) => phone.startsWith("+34 "))).toBe(true);
    expect(phones.some((phone) => phone.startsWith("0034"))).toBe(true);
    expect(phones.filter((phone) => phone === "").length).toBeGreaterThan(phones.length * 0.05);
    const firstNames = values("firstName");
    expect(firstNames.some((name) => name === "Pep" || name === "Bob" || name === "Montse")).toBe(true);
    expect(firstNames.some((name) => name !== "" && name === name.toUpperCase())).toBe(true);
    expect(firstNames.some((name) => /[àèéíòóúïüç]/i.test(name))).toBe(true);
    const emails = values("email");
    expect(emails.some((email) => email.includes("+"))).toBe(true);
  });
});
