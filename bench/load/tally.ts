// Counts, latencies and errors per operation, and the Markdown table the benchmark prints.
import type { Outcome } from "./load-client";

type Row = { kind: "read" | "write"; latencies: number[]; errors: number };

/** Nearest-rank percentile of an ascending list. */
export const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

const fmt = (value: number, digits = 0) =>
  Number.isNaN(value) ? "—" : value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const createTally = () => {
  const rows = new Map<string, Row>();
  const errors: Array<{ operation: string; error: string }> = [];
  return {
    record: (outcome: Outcome) => {
      const row = rows.get(outcome.operation) ?? { kind: outcome.kind, latencies: [], errors: 0 };
      row.latencies.push(outcome.ms);
      if (outcome.error) {
        row.errors++;
        errors.push({ operation: outcome.operation, error: outcome.error });
      }
      rows.set(outcome.operation, row);
    },
    calls: () => [...rows.values()].reduce((sum, row) => sum + row.latencies.length, 0),
    errors: () => errors,
    /** One row per operation (reads, then writes), subtotals and the total; requests/s over `seconds`. */
    table: (seconds: number) => {
      const line = (name: string, latencies: number[], errorCount: number) => {
        const sorted = [...latencies].sort((a, b) => a - b);
        return `| ${name} | ${fmt(sorted.length)} | ${fmt(sorted.length / seconds, 1)} | ${fmt(percentile(sorted, 50))} | ${fmt(percentile(sorted, 99))} | ${fmt(errorCount)} |`;
      };
      const ordered = [...rows.entries()].sort(([a, x], [b, y]) => (x.kind === y.kind ? a.localeCompare(b) : x.kind === "read" ? -1 : 1));
      const sum = (filter: (row: Row) => boolean) => {
        const selected = [...rows.values()].filter(filter);
        return [selected.flatMap((row) => row.latencies), selected.reduce((total, row) => total + row.errors, 0)] as const;
      };
      return [
        "| operation → expected answer | count | requests/s | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
        ...ordered.map(([name, row]) => line(name, row.latencies, row.errors)),
        line("*all reads*", ...sum((row) => row.kind === "read")),
        line("*all writes*", ...sum((row) => row.kind === "write")),
        line("**total**", ...sum(() => true)),
      ].join("\n");
    },
  };
};
export type Tally = ReturnType<typeof createTally>;
