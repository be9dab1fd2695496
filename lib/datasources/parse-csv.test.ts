import { parse as csvParse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "./parse-csv";
import { RefreshError } from "./refresh-error";

const good: { name: string; input: string | Uint8Array; required?: string[]; columns: string[]; rows: Record<string, string>[] }[] = [
  {
    name: "simple file",
    input: "email,city\na@example.com,Lyon\nb@example.com,Girona\n",
    columns: ["email", "city"],
    rows: [
      { email: "a@example.com", city: "Lyon" },
      { email: "b@example.com", city: "Girona" },
    ],
  },
  {
    name: "UTF-8 byte order mark, CRLF line ends and no trailing newline",
    input: new TextEncoder().encode("\uFEFFemail,city\r\na@example.com,Lyon"),
    columns: ["email", "city"],
    rows: [{ email: "a@example.com", city: "Lyon" }],
  },
  {
    name: "BOM in a string",
    input: "\uFEFFid\n1\n",
    columns: ["id"],
    rows: [{ id: "1" }],
  },
  {
    name: "BOM before a quoted header name",
    input: new TextEncoder().encode('\uFEFF"id"\n"1"'),
    columns: ["id"],
    rows: [{ id: "1" }],
  },
  {
    name: "header names are trimmed, values kept as written",
    input: " email , city \na@example.com, Lyon \n",
    columns: ["email", "city"],
    rows: [{ email: "a@example.com", city: " Lyon " }],
  },
  {
    name: "quoted fields with commas, quotes and newlines",
    input: 'name,note\n"Doe, Jane","She said ""hi""\nthen left"\n',
    columns: ["name", "note"],
    rows: [{ name: "Doe, Jane", note: 'She said "hi"\nthen left' }],
  },
  {
    name: "empty lines are skipped",
    input: "id\n1\n\n2\n\n",
    columns: ["id"],
    rows: [{ id: "1" }, { id: "2" }],
  },
  {
    name: "required columns match case-insensitively",
    input: "Email,City\nx@example.com,Vic\n",
    required: ["email", "CITY"],
    columns: ["Email", "City"],
    rows: [{ Email: "x@example.com", City: "Vic" }],
  },
  {
    name: "header only is a valid, empty data set",
    input: "email,city\n",
    required: ["email"],
    columns: ["email", "city"],
    rows: [],
  },
  {
    name: "CR line ends, empty lines and a trailing line break",
    input: "a,b\r\r1,\r\r,2\r\r",
    columns: ["a", "b"],
    rows: [
      { a: "1", b: "" },
      { a: "", b: "2" },
    ],
  },
  {
    name: "no type conversion and no delimiter guessing",
    input: "n;x,flag,empty\n007;1,true,\n",
    columns: ["n;x", "flag", "empty"],
    rows: [{ "n;x": "007;1", flag: "true", empty: "" }],
  },
  {
    name: "line breaks inside quotes are data in any style",
    input: 'a,b\r\n"1\n2","3\r4\r\n5"\r\n',
    columns: ["a", "b"],
    rows: [{ a: "1\n2", b: "3\r4\r\n5" }],
  },
  {
    name: "non-ASCII text",
    input: "nom,ciutat\nNúria,L'Hospitalet de Llobregat\n",
    columns: ["nom", "ciutat"],
    rows: [{ nom: "Núria", ciutat: "L'Hospitalet de Llobregat" }],
  },
];

const bad: { name: string; input: string | Uint8Array; required?: string[]; code: string; message: RegExp }[] = [
  { name: "empty string", input: "", code: "empty_file", message: /file is empty/ },
  { name: "only whitespace", input: "\n  \r\n", code: "empty_file", message: /file is empty/ },
  { name: "only a BOM", input: new Uint8Array([0xef, 0xbb, 0xbf]), code: "empty_file", message: /file is empty/ },
  {
    name: "a row with too few fields",
    input: "a,b,c\n1,2,3\n4,5\n",
    code: "csv_malformed",
    message: /^Line 3 has 2 fields, but the header row has 3 columns/,
  },
  {
    name: "a row with too many fields",
    input: "a,b\n1,2\n3,4\n5,6,7\n",
    code: "csv_malformed",
    message: /^Line 4 has 3 fields, but the header row has 2 columns/,
  },
  { name: "unclosed quote", input: 'a,b\n"1,2\n3,4\n', code: "csv_malformed", message: /quoted field is never closed/ },
  { name: "text after a closing quote", input: 'a,b\n"1"x,2\n', code: "csv_malformed", message: /^Line 2: unexpected characters after a closing quote/ },
  { name: "duplicate column", input: "email,city,Email\n1,2,3\n", code: "csv_malformed", message: /names the column "Email" twice \(columns 1 and 3\)/ },
  { name: "unnamed column", input: "email,,city\n1,2,3\n", code: "csv_malformed", message: /Column 2 of the header row \(line 1\) has no name/ },
  {
    name: "not UTF-8",
    input: new Uint8Array([0x61, 0x0a, 0xff, 0xfe, 0x0a]),
    code: "csv_malformed",
    message: /not UTF-8 text/,
  },
  {
    name: "missing required columns are all named",
    input: "email,city\nx@example.com,Vic\n",
    required: ["email", "phone", "country"],
    code: "missing_columns",
    message: /missing the required columns "phone", "country"\. Its header row has: email, city/,
  },
  {
    name: "one missing required column",
    input: "id\n1\n",
    required: ["email"],
    code: "missing_columns",
    message: /missing the required column "email"\./,
  },
];

// Each error's details and line, the line counted in the file (a quoted field spanning lines
// moves every later line), not in records.
const lines: { input: string; reason: string; line: number; more?: Record<string, number> }[] = [
  { input: 'a,b\n"x\ny",1\n"open\n\nstill', reason: "quote_not_closed", line: 4 },
  { input: 'a\n"x\ny"z\n', reason: "text_after_closing_quote", line: 3 },
  { input: 'a,b\n"x\r\ny",1\r\n"2" ,3\r\n', reason: "text_after_closing_quote", line: 4 },
  { input: 'a,b\n"x\n\ny",1\n\nb"c,2\n', reason: "quote_in_unquoted_field", line: 6 },
  { input: 'a, "b"\n', reason: "quote_in_unquoted_field", line: 1 },
  { input: 'a,b\r"x\r\ry",1\r\r\r1,2,3\r', reason: "field_count", line: 7, more: { fields: 3, columns: 2 } },
  { input: 'a,b\n1,"x\ny"\n\n"p\nq"\n', reason: "field_count", line: 5, more: { fields: 1, columns: 2 } },
  { input: 'a,b\r\n"1\r\n2",3\r\n4\r\n', reason: "field_count", line: 4, more: { fields: 1, columns: 2 } },
];

const refusal = (input: string | Uint8Array, required?: string[]) => {
  try {
    parseCsv(input, required);
  } catch (error) {
    if (error instanceof RefreshError) return error;
    throw error;
  }
  return null;
};

describe("parseCsv", () => {
  it.each(good)("reads $name", ({ input, required, columns, rows }) => {
    expect(parseCsv(input, required)).toEqual({ columns, rows });
  });

  it.each(bad)("refuses $name", ({ input, required, code, message }) => {
    let caught: unknown;
    try {
      parseCsv(input, required);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RefreshError);
    expect((caught as RefreshError).code).toBe(code);
    expect((caught as RefreshError).message).toMatch(message);
  });

  it.each(lines)("reports $reason on line $line", ({ input, reason, line, more }) => {
    const error = refusal(input);
    expect(error?.details).toEqual({ reason, line, ...more });
    expect(error?.message).toMatch(new RegExp(`^Line ${line}[: ]`));
  });

  it("reads what it was written: quoted fields, LF, CRLF and CR files, empty lines, rows of the wrong length", () => {
    const value = fc.stringMatching(/^[aé ,"\r\n]{0,6}$/);
    fc.assert(
      fc.property(
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ values: fc.array(value, { minLength: 1, maxLength: 5 }), quoteAll: fc.boolean(), emptyLinesBefore: fc.nat(2) }), { maxLength: 8 }),
        fc.boolean(),
        (newline, width, records, trailingBreak) => {
          const columns = Array.from({ length: width }, (_, i) => `c${i + 1}`);
          let text = columns.join(",");
          let line = 1;
          let expected: { rows: Record<string, string>[] } | { line: number; fields: number } = { rows: [] };
          for (const { values, quoteAll, emptyLinesBefore } of records) {
            // A single empty field is an empty line, which is skipped, not a record.
            if (values.length === 1 && values[0] === "") continue;
            text += newline.repeat(1 + emptyLinesBefore);
            line += 1 + emptyLinesBefore;
            if ("rows" in expected) {
              if (values.length === width) expected.rows.push(Object.fromEntries(columns.map((c, i) => [c, values[i]!])));
              else expected = { line, fields: values.length };
            }
            const fields = values.map((v) => (quoteAll || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v));
            text += fields.join(",");
            line += (fields.join(",").match(/\r\n|\r|\n/g) ?? []).length;
          }
          if (trailingBreak) text += newline;

          if ("rows" in expected) {
            expect(parseCsv(text)).toEqual({ columns, rows: expected.rows });
          } else {
            expect(refusal(text)?.details).toEqual({ reason: "field_count", line: expected.line, fields: expected.fields, columns: width });
          }
        },
      ),
      { numRuns: 2000 },
    );
  }, 20_000);

  it("agrees with csv-parse on random text: the same records, or a refusal for the same reason", () => {
    const reasonOf: Record<string, string> = {
      CSV_QUOTE_NOT_CLOSED: "quote_not_closed",
      CSV_INVALID_CLOSING_QUOTE: "text_after_closing_quote",
      INVALID_OPENING_QUOTE: "quote_in_unquoted_field",
    };
    const pieces = fc.constantFrom("a", "b", "é", " ", ",", ",", '"', '""', "\n", "\n");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 24 }), fc.constantFrom("\n", "\r\n", "\r"), (parts, newline) => {
        // A header of distinct names first, so that what follows is read as data rows.
        const text = `h1,h2\n${parts.join("")}`.replace(/\n/g, newline);
        let expected: string | Record<string, string>[];
        try {
          const read = csvParse(text, { skip_empty_lines: true, relax_column_count: true, raw: true }) as unknown as { record: string[]; raw: string }[];
          // Deliberate difference: papaparse skips a line holding only "" as an empty line.
          const records = read.filter(({ raw }) => raw.replace(/^[\r\n]+|[\r\n]+$/g, "") !== '""').map(({ record }) => record);
          expected = records.slice(1).some((r) => r.length !== 2) ? "field_count" : records.slice(1).map(([h1, h2]) => ({ h1: h1!, h2: h2! }));
        } catch (error) {
          expected = reasonOf[(error as { code: string }).code] ?? String(error);
        }
        const error = refusal(text);
        expect({ text, result: error ? error.details?.reason : parseCsv(text).rows }).toEqual({ text, result: expected });
      }),
      { numRuns: 6000 },
    );
  }, 20_000);
});
