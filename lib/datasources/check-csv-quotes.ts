/**
 * The quoting check papaparse does not make. Papaparse keeps a quote inside an unquoted field
 * as data, accepts spaces between a closing quote and the next comma, and reports a bad
 * closing quote at the start of its field; refreshes refuse the first two and name the line
 * of the fault. This walks the quotes only (one indexOf per quote), so a file with few quoted
 * fields costs little more than one memchr over its text; it also finds the line-break style
 * papaparse should split on, from the first break outside a quoted field.
 */

export type CsvQuoteProblem = "quote_not_closed" | "text_after_closing_quote" | "quote_in_unquoted_field";

export type CsvQuoteCheck = {
  newline: "\n" | "\r\n" | "\r";
  problem?: { reason: CsvQuoteProblem; line: number };
};

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

const LINE_BREAK = /[\r\n]/g;

const nextLineBreak = (text: string, from: number) => {
  LINE_BREAK.lastIndex = from;
  return LINE_BREAK.exec(text)?.index ?? -1;
};

/** 1-based line of a character: LF, CRLF and CR each end a line. Only on the error path. */
export const lineAt = (text: string, index: number): number => {
  let line = 1;
  for (let k = 0; k < index; k++) {
    const c = text.charCodeAt(k);
    if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) line++;
  }
  return line;
};

const endsField = (text: string, index: number) => {
  if (index >= text.length) return true;
  const c = text.charCodeAt(index);
  return c === COMMA || c === LF || c === CR;
};

/** `text` without its byte order mark. */
export const checkCsvQuotes = (text: string): CsvQuoteCheck => {
  const fail = (reason: CsvQuoteProblem, index: number): CsvQuoteCheck => ({
    newline: "\n",
    problem: { reason, line: lineAt(text, index) },
  });

  let firstBreak = nextLineBreak(text, 0);
  for (let open = text.indexOf('"'); open !== -1; ) {
    // Outside a quoted field, a quote may only open one at the start of a field.
    if (open > 0 && !endsField(text, open - 1)) return fail("quote_in_unquoted_field", open);
    let close = open;
    for (;;) {
      close = text.indexOf('"', close + 1);
      if (close === -1) return fail("quote_not_closed", open);
      if (text.charCodeAt(close + 1) !== QUOTE) break;
      close++; // "" is a quote inside the field
    }
    if (!endsField(text, close + 1)) return fail("text_after_closing_quote", close + 1);
    if (firstBreak > open && firstBreak < close) firstBreak = nextLineBreak(text, close + 1);
    open = text.indexOf('"', close + 1);
  }

  if (firstBreak === -1 || text.charCodeAt(firstBreak) === LF) return { newline: "\n" };
  return { newline: text.charCodeAt(firstBreak + 1) === LF ? "\r\n" : "\r" };
};
