/**
 * Bench only: the hand-written CSV reader the product used before issue 8 (formerly
 * lib/datasources/read-csv-records.ts), kept unchanged as bench:csv's recorded baseline. The
 * product reads CSV with papaparse (lib/datasources/parse-csv.ts), which beat it in that bench.
 *
 * RFC 4180 records from CSV text: `,` between fields, `"` quotes with `""` inside, records
 * ended by LF, CRLF or CR, empty lines skipped, no trimming.
 */

export type CsvSyntaxProblem = "quote_not_closed" | "text_after_closing_quote" | "quote_in_unquoted_field";

export class CsvSyntaxError extends Error {
  constructor(
    readonly problem: CsvSyntaxProblem,
    /** 1-based line where the problem is. */
    readonly line: number,
  ) {
    super(`${problem} at line ${line}`);
    this.name = "CsvSyntaxError";
  }
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

const countLineBreaks = (text: string, from: number, to: number) => {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) count++;
  }
  return count;
};

/** Calls onRecord for each record with its fields and the line it starts on. */
export const readCsvRecords = (text: string, onRecord: (fields: string[], line: number) => void): void => {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  while (i < n) {
    const first = text.charCodeAt(i);
    if (first === LF || first === CR) {
      i += first === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const recordLine = line;
    const fields: string[] = [];

    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const fieldLine = line;
        let value = "";
        let start = i + 1;
        let at = start;
        for (;;) {
          const q = text.indexOf('"', at);
          if (q === -1) throw new CsvSyntaxError("quote_not_closed", fieldLine);
          line += countLineBreaks(text, at, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(start, q + 1);
            at = start = q + 2;
            continue;
          }
          value += text.slice(start, q);
          i = q + 1;
          break;
        }
        fields.push(value);
        const next = i < n ? text.charCodeAt(i) : -1;
        if (next === COMMA) {
          i++;
          continue;
        }
        if (next === -1 || next === LF || next === CR) break;
        throw new CsvSyntaxError("text_after_closing_quote", line);
      }

      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === LF || c === CR) break;
        if (c === QUOTE) throw new CsvSyntaxError("quote_in_unquoted_field", line);
        j++;
      }
      fields.push(text.slice(i, j));
      i = j;
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      break;
    }

    if (i < n) {
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
    }
    onRecord(fields, recordLine);
  }
};
