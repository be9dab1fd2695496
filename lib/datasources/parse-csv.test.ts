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
});
