import Papa from "papaparse";
import { type CsvQuoteCheck, type CsvQuoteProblem, checkCsvQuotes, lineAt } from "./check-csv-quotes";
import { RefreshError } from "./refresh-error";

export type ParsedCsv = {
  columns: string[];
  /** One object per data row, keyed by the trimmed header names. */
  rows: Record<string, string>[];
};

const decoder = new TextDecoder("utf-8", { fatal: true });

const decode = (content: Uint8Array | string): string => {
  if (typeof content === "string") return content;
  try {
    // TextDecoder drops a leading UTF-8 byte order mark by itself.
    return decoder.decode(content);
  } catch {
    throw new RefreshError(
      "csv_malformed",
      "The file is not UTF-8 text. Save the CSV with UTF-8 encoding and try again.",
      { reason: "not_utf8" },
    );
  }
};

const describeQuoteProblem = (reason: CsvQuoteProblem, line: number): RefreshError => {
  const at = `Line ${line}`;
  switch (reason) {
    case "quote_not_closed":
      return new RefreshError("csv_malformed", `${at}: a quoted field is never closed. Check the quotes in the file.`, {
        reason: "quote_not_closed",
        line,
      });
    case "text_after_closing_quote":
      return new RefreshError(
        "csv_malformed",
        `${at}: unexpected characters after a closing quote. Quotes inside a field must be doubled ("").`,
        { reason: "text_after_closing_quote", line },
      );
    case "quote_in_unquoted_field":
      return new RefreshError(
        "csv_malformed",
        `${at}: a quote appears inside an unquoted field. Put the field in quotes and double the inner quotes.`,
        { reason: "quote_in_unquoted_field", line },
      );
  }
};

const fieldCountError = (line: number, got: number, expected: number) =>
  new RefreshError(
    "csv_malformed",
    `Line ${line} has ${got} field${got === 1 ? "" : "s"}, but the header row has ${expected} column${expected === 1 ? "" : "s"}. Every row must have the same number of fields as the header.`,
    { reason: "field_count", line, fields: got, columns: expected },
  );

const checkHeader = (header: string[]): string[] => {
  const columns = header.map((name) => name.trim());
  const seen = new Map<string, number>();
  columns.forEach((name, index) => {
    if (!name) {
      throw new RefreshError("csv_malformed", `Column ${index + 1} of the header row (line 1) has no name. Give every column a name.`, {
        reason: "unnamed_column",
        column: index + 1,
      });
    }
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new RefreshError(
        "csv_malformed",
        `The header row (line 1) names the column "${name}" twice (columns ${first + 1} and ${index + 1}). Column names must be unique.`,
        { reason: "duplicate_column", name, first: first + 1, second: index + 1 },
      );
    }
    seen.set(key, index);
  });
  return columns;
};

const checkRequiredColumns = (columns: string[], required: string[]) => {
  const present = new Set(columns.map((c) => c.toLowerCase()));
  const missing = required.filter((name) => !present.has(name.trim().toLowerCase()));
  if (missing.length === 0) return;
  throw new RefreshError(
    "missing_columns",
    `The CSV is missing the required column${missing.length === 1 ? "" : "s"} ${missing.map((m) => `"${m}"`).join(", ")}. ` +
      `Its header row has: ${columns.join(", ")}. Add the missing column${missing.length === 1 ? "" : "s"} or change the data source's required columns.`,
    { missing, present: columns },
  );
};

type Newline = CsvQuoteCheck["newline"];

// Explicit delimiter (no guessing from the first rows), no type conversion, no header mode
// (its renaming of duplicate names would hide them): string arrays only.
const papaConfig = (newline: Newline) => ({ delimiter: ",", newline, quoteChar: '"', skipEmptyLines: true, dynamicTyping: false, header: false });

/**
 * Line on which the record at `index` (counting records, not lines: empty lines are skipped
 * and a quoted field may span lines) starts. Only on the error path: it reads the file again
 * up to that record.
 */
const lineOfRecord = (text: string, newline: Newline, index: number): number => {
  let seen = 0;
  let end = 0;
  Papa.parse<string[]>(text, {
    ...papaConfig(newline),
    step: (result, parser) => {
      if (seen === index) return parser.abort();
      end = result.meta.cursor;
      seen++;
    },
  });
  // Where the record before it ended, past the empty lines papaparse skipped.
  while (end < text.length && (text[end] === "\n" || text[end] === "\r")) end++;
  return lineAt(text, end);
};

/**
 * The records of a CSV text (no byte order mark) with papaparse after the quote check (RFC 4180:
 * `,` between fields, `"` quotes with `""` inside, empty lines skipped, no trimming, one
 * line-break style per file), or a RefreshError naming the line of a quoting fault.
 * Exported for bench:csv, which times it against the parsers it was chosen over.
 */
export const readRecords = (text: string): { records: string[][]; newline: Newline } => {
  const { newline, problem } = checkCsvQuotes(text);
  if (problem) throw describeQuoteProblem(problem.reason, problem.line);
  const { data, errors } = Papa.parse<string[]>(text, papaConfig(newline));
  // The quote check refuses every file on which papaparse reports a quote error.
  if (errors.length > 0) throw new Error(`papaparse: ${errors[0]!.code} at character ${errors[0]!.index}, after the quote check passed`);
  return { records: data, newline };
};

/**
 * Parses a CSV with a header row into row objects. Throws a RefreshError whose message
 * names the line at fault; required columns are matched case-insensitively.
 */
export const parseCsv = (content: Uint8Array | string, requiredColumns: string[] = []): ParsedCsv => {
  const decoded = decode(content);
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  if (text.trim() === "") {
    throw new RefreshError("empty_file", "The file is empty. A CSV needs a header row with the column names.");
  }

  const { records, newline } = readRecords(text);
  const header = records[0];
  if (!header) {
    throw new RefreshError("empty_file", "The file is empty. A CSV needs a header row with the column names.");
  }
  const columns = checkHeader(header);
  checkRequiredColumns(columns, requiredColumns);

  const rows: Record<string, string>[] = [];
  for (let r = 1; r < records.length; r++) {
    const fields = records[r]!;
    if (fields.length !== columns.length) throw fieldCountError(lineOfRecord(text, newline, r), fields.length, columns.length);
    const row: Record<string, string> = {};
    for (let i = 0; i < columns.length; i++) row[columns[i] as string] = fields[i] as string;
    rows.push(row);
  }
  return { columns, rows };
};
