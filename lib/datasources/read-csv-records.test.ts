import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvSyntaxError, readCsvRecords } from "./read-csv-records";

const read = (text: string) => {
  const records: { fields: string[]; line: number }[] = [];
  readCsvRecords(text, (fields, line) => records.push({ fields, line }));
  return records;
};

const problemOf = (text: string) => {
  try {
    read(text);
    return null;
  } catch (error) {
    return error instanceof CsvSyntaxError ? { problem: error.problem, line: error.line } : error;
  }
};

describe("readCsvRecords", () => {
  it.each([
    { text: "a,b\n1,2\n", records: [{ fields: ["a", "b"], line: 1 }, { fields: ["1", "2"], line: 2 }] },
    { text: "a,b\r\n1,2", records: [{ fields: ["a", "b"], line: 1 }, { fields: ["1", "2"], line: 2 }] },
    { text: "a\r1\r", records: [{ fields: ["a"], line: 1 }, { fields: ["1"], line: 2 }] },
    { text: "\uFEFFa,,\n\n\n,\n", records: [{ fields: ["a", "", ""], line: 1 }, { fields: ["", ""], line: 4 }] },
    {
      text: 'h\n"multi\r\nline ""quoted"""\nnext\n',
      records: [{ fields: ["h"], line: 1 }, { fields: ['multi\r\nline "quoted"'], line: 2 }, { fields: ["next"], line: 4 }],
    },
    { text: '"",""\n', records: [{ fields: ["", ""], line: 1 }] },
    { text: "a,", records: [{ fields: ["a", ""], line: 1 }] },
    { text: "", records: [] },
  ])("reads %j", ({ text, records }) => {
    expect(read(text)).toEqual(records);
  });

  it.each([
    { text: 'a\n"open\n\nstill', problem: "quote_not_closed", line: 2 },
    { text: 'a\n"x\ny"z\n', problem: "text_after_closing_quote", line: 3 },
    { text: 'a\n\nb"c\n', problem: "quote_in_unquoted_field", line: 3 },
    { text: 'a, "b"\n', problem: "quote_in_unquoted_field", line: 1 },
  ])("reports $problem on line $line", ({ text, problem, line }) => {
    expect(problemOf(text)).toEqual({ problem, line });
  });

  it("agrees with csv-parse on thousands of random inputs", () => {
    // Seeded so a failure reproduces.
    let state = 42;
    const random = () => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state / 0x7fffffff;
    };
    const pieces = ["a", "b", "é", " ", ",", ",", '"', '""', "\n", "\n"];
    let compared = 0;
    for (let round = 0; round < 5000; round++) {
      // csv-parse picks one record delimiter per file; mixed endings are compared elsewhere.
      const newline = random() < 0.5 ? "\n" : "\r\n";
      let text = "";
      const length = Math.floor(random() * 24);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      text = text.replace(/\n/g, newline);

      let expected: string[][] | "error";
      try {
        expected = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
      } catch {
        expected = "error";
      }
      const ours = problemOf(text) === null ? read(text).map((r) => r.fields) : "error";
      expect({ text, records: ours }).toEqual({ text, records: expected });
      compared++;
    }
    expect(compared).toBe(5000);
  });
});
