// npm run bench:csv — issue 8's question about the CSV reader: did the hand-written reader (the
// product's until issue 8, kept as bench/csv/hand-written-reader.ts) beat the fastest maintained
// parsers? It did not, and the product now reads with papaparse: "product" is its reading step
// (lib/datasources/parse-csv.ts: the quote check, then papaparse), next to papaparse alone so the
// check's cost shows. Each parser reads the same generated CSV (the people of lib/seed/people,
// 100,000 rows by default, with quoted fields holding commas, quotes and line breaks) into string
// arrays, in alternating rounds; every parser must find the same records (count and a checksum of
// the fields) or the run stops. Prints each parser's median time, MB/s and ratio to the
// hand-written reader (the baseline of the figures in docs/BENCHMARKS.md), the machine and the
// load average.  BENCH_ROWS (100000), BENCH_ROUNDS (7).
import Papa from "papaparse";
import { parse as csvParse } from "csv-parse/sync";
import { inferSchema, initParser } from "udsv";
import { readRecords } from "../../lib/datasources/parse-csv";
import { generatePeople } from "../../lib/seed/people/generate-people";
import { describeMachine, loadAverage } from "../lib/machine";
import { readCsvRecords } from "./hand-written-reader";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

const field = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const buildCsv = () => {
  // The generator spreads its records over two or three sources: ask for enough that the first holds ROWS.
  const [source] = generatePeople({ seed: 11, records: Math.ceil(ROWS * 2.2), sources: 2 }).sources;
  const rows = Array.from(source!.rows()).slice(0, ROWS);
  if (rows.length < ROWS) throw new Error(`The generator gave ${rows.length} rows, not ${ROWS}.`);
  const header = [...Object.keys(rows[0]!), "note"];
  const lines = [header.join(",")];
  for (const [index, row] of rows.entries()) {
    // Every 50th row a note with what real exports quote: a comma, a quote, a line break.
    const note = index % 50 === 0 ? `Called, left "message"\nback on Monday` : "";
    lines.push([...Object.values(row).map((value) => field(String(value ?? ""))), field(note)].join(","));
  }
  return lines.join("\r\n") + "\r\n";
};

type Parser = { name: string; parse: (text: string) => string[][] };

const parsers: Parser[] = [
  {
    name: "hand-written (until issue 8)",
    parse: (text) => {
      const records: string[][] = [];
      readCsvRecords(text, (fields) => records.push(fields));
      return records;
    },
  },
  { name: "product (quote check + papaparse)", parse: (text) => readRecords(text).records },
  { name: "csv-parse 7 (sync)", parse: (text) => csvParse(text, { skip_empty_lines: true }) as string[][] },
  { name: "papaparse 5 alone", parse: (text) => Papa.parse<string[]>(text, { delimiter: ",", skipEmptyLines: true }).data },
  {
    // No header (the others return it as a record too). uDSV returns the empty line after the
    // last line break as a record of one empty field; the others skip empty lines.
    name: "udsv 0.7",
    parse: (text) => {
      const records = initParser(inferSchema(text, { header: () => [] }, 10)).stringArrs<string[]>(text);
      const last = records.at(-1);
      if (last?.length === 1 && last[0] === "") records.pop();
      return records;
    },
  },
];

const fingerprint = (records: string[][]) => {
  let characters = 0;
  let fields = 0;
  for (const record of records) {
    fields += record.length;
    for (const value of record) characters += value.length;
  }
  return `${records.length} records, ${fields} fields, ${characters} characters`;
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const text = buildCsv();
const megabytes = Buffer.byteLength(text) / 1e6;
const machine = describeMachine();
console.log(`bench/csv — ${ROWS.toLocaleString("en")} rows, ${megabytes.toFixed(1)} MB; ${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}; load average ${loadAverage()}`);

const expected = fingerprint(parsers[0]!.parse(text));
for (const parser of parsers) {
  const found = fingerprint(parser.parse(text));
  if (found !== expected) throw new Error(`${parser.name} read ${found}; the hand-written reader ${expected}.`);
}
console.log(`every parser reads ${expected}`);

const times = new Map<string, number[]>(parsers.map((parser) => [parser.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Alternate the order so no parser always runs on a warmer (or more collected) heap.
  const order = round % 2 === 0 ? parsers : [...parsers].reverse();
  for (const parser of order) {
    globalThis.gc?.();
    const started = performance.now();
    parser.parse(text);
    times.get(parser.name)!.push(performance.now() - started);
  }
}

const baseline = median(times.get(parsers[0]!.name)!);
for (const parser of parsers) {
  const ms = median(times.get(parser.name)!);
  console.log(`${parser.name.padEnd(36)} median ${ms.toFixed(0).padStart(5)} ms  ${(megabytes / (ms / 1000)).toFixed(0).padStart(4)} MB/s  ×${(ms / baseline).toFixed(2)} the hand-written reader's time`);
}
console.log(`load average after: ${loadAverage()}`);
