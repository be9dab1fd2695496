// npm run bench:refresh — issue 8's target (SPEC §9: full refresh of a 100,000-row CSV, 10 segments
// and 5 measures ≤ 3 s), side by side in one run, on SQLite:
//   (a) a raw better-sqlite3 script doing the same ingestion and counts: parse the three CSV files
//       (the product's own reader), store every row as JSON, unify on the email (GROUP BY), write
//       one row per profile, then the 10 segments' counts and the 5 measures' aggregates in SQL;
//   (b) the product: a full refresh job as `npm start`'s worker runs it (every loop in this
//       process): three data-source refreshes, a unification run (one exact email rule), 10
//       segments and 5 measures, each with its history row, the job's tasks and its event.
// Sources: 100,000 generated people (lib/seed/people) in one CSV upload, plus two smaller CSVs of
// 10,000 rows. Rounds alternate (a) and (b); the first product round ingests new content, the
// others refresh unchanged data (the nightly case), where the product's refreshes find the same
// content fingerprint and keep their rows, and its unification run the same inputs and keeps the
// profiles (segments and measures still compute), while (a) redoes everything. Prints the figures, the ratio, the machine,
// the load average and the peak RSS.  BENCH_ROWS (100000), BENCH_SMALL_ROWS (10000), BENCH_ROUNDS (3).
import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeMachine, loadAverage } from "../lib/machine";

const tempDir = mkdtempSync(path.join(os.tmpdir(), "ai-bench-refresh-"));
process.env.DATA_DIR = tempDir;
process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");

const { createFreshDatabase } = await import("../../lib/db/fresh-database");
const { setDbForTesting } = await import("../../lib/db/client");
const { scope, seedIdentity } = await import("../../lib/testing/factories");
const { generatePeople } = await import("../../lib/seed/people/generate-people");
const { createDataSource } = await import("../../lib/datasources/create-data-source");
const { uploadDataSourceContent } = await import("../../lib/datasources/upload-data-source-content");
const { readRecords } = await import("../../lib/datasources/parse-csv");
const { ZUnificationConfig } = await import("../../lib/unification/schemas");
const { updateConfig } = await import("../../lib/unification/update-config");
const { createSegment } = await import("../../lib/segments/create-segment");
const { createMeasure } = await import("../../lib/measures/create-measure");
const { requestFullRefresh } = await import("../../lib/refresh-jobs/request-full-refresh");
const { runWorkers } = await import("../../lib/worker/run-workers");

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const SMALL_ROWS = Number(process.env.BENCH_SMALL_ROWS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const instanceName = "Contoso Retail";
const audit = { actorId: "bench", actorName: "Benchmark", tenantId: scope.tenantId, ip: null, userAgent: null };

const { db, target } = await createFreshDatabase({ provider: "sqlite", dir: tempDir, name: "refresh" });
if (target.provider !== "sqlite") throw new Error("bench:refresh measures SQLite.");
setDbForTesting(db, target);
await seedIdentity(db);

const machine = describeMachine();
console.log(
  `bench:refresh — ${ROWS.toLocaleString("en")} + 2 × ${SMALL_ROWS.toLocaleString("en")} rows, 10 segments, 5 measures, SQLite; ` +
    `${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}; load average ${loadAverage()}`,
);

// Three sources of the same generated people: the big one, and two smaller ones that overlap it.
const people = generatePeople({ seed: 5, records: Math.ceil(ROWS * 2.6), sources: 3 });
const field = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const sources = people.sources.map((source, index) => {
  const rows = Array.from(source.rows()).slice(0, index === 0 ? ROWS : SMALL_ROWS);
  if (index === 0 && rows.length < ROWS) throw new Error(`The generator gave ${rows.length} rows, not ${ROWS}.`);
  const header = Object.keys(rows[0]!);
  const csv = [header.join(","), ...rows.map((row) => header.map((column) => field(String(row[column] ?? ""))).join(","))].join("\n") + "\n";
  return { generated: source, header, csv, rows: rows.length };
});

const dataSourceIds: string[] = [];
for (const [index, source] of sources.entries()) {
  const emailColumn = source.generated.columns.find((column) => column.attribute === "email")!.column;
  const created = await createDataSource(scope, { kind: "upload", name: `Source ${index + 1}`, requiredColumns: [source.generated.primaryKeyColumn, emailColumn] }, audit);
  await uploadDataSourceContent(scope, created.id, { fileName: `source-${index + 1}.csv`, content: Buffer.from(source.csv) }, audit);
  dataSourceIds.push(created.id);
}

await updateConfig(
  scope,
  ZUnificationConfig.parse({
    customAttributes: [],
    sources: sources.map((source, index) => ({
      dataSourceId: dataSourceIds[index],
      primaryKeyColumn: source.generated.primaryKeyColumn,
      recencyColumn: source.generated.recencyColumn,
      recencyDateFormat: source.generated.recencyDateFormat,
      columns: source.generated.columns,
    })),
    rules: [{ name: "Same email", conditions: [{ attribute: "email", normalizations: ["canonicalEmail"], precision: "exact" }] }],
    mergePolicies: {},
    defaultPhoneCountry: "ES",
  }),
  audit,
  instanceName,
);

// The segments and measures, and the same questions as SQL over the raw script's profile table.
type Check = { sql: string };
const cities = ["Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao"];
const segments: Array<{ name: string; rule: object } & Check> = [
  ...cities.map((city) => ({
    name: `In ${city}`,
    rule: { combinator: "and", conditions: [{ attribute: "city", operator: "eq", value: city }] },
    sql: `lower(city) = lower('${city}')`,
  })),
  { name: "Born before 1970", rule: { combinator: "and", conditions: [{ attribute: "birthDate", operator: "lt", value: "1970-01-01" }] }, sql: "birth < '1970-01-01'" },
  { name: "Gmail", rule: { combinator: "and", conditions: [{ attribute: "email", operator: "contains", value: "gmail" }] }, sql: "email LIKE '%gmail%'" },
  { name: "No phone", rule: { combinator: "and", conditions: [{ attribute: "phone", operator: "isEmpty" }] }, sql: "phone IS NULL" },
  { name: "Madrid postal codes", rule: { combinator: "and", conditions: [{ attribute: "postalCode", operator: "startsWith", value: "28" }] }, sql: "postal LIKE '28%'" },
  {
    name: "Young in the big two",
    rule: {
      combinator: "and",
      conditions: [
        { attribute: "birthDate", operator: "gte", value: "1990-01-01" },
        { combinator: "or", conditions: [{ attribute: "city", operator: "eq", value: "Madrid" }, { attribute: "city", operator: "eq", value: "Barcelona" }] },
      ],
    },
    sql: "birth >= '1990-01-01' AND lower(city) IN ('madrid', 'barcelona')",
  },
];
for (const { name, rule } of segments) await createSegment(scope, { name, description: "", rule: rule as never }, audit);
const gmail = (await db.segment.findFirstOrThrow({ where: { ...scope, name: "Gmail" } })).id;
const measures: Array<{ name: string; aggregation: "count" | "distinctCount" | "min" | "max"; attribute: string | null; segmentId: string | null } & Check> = [
  { name: "Customers", aggregation: "count", attribute: null, segmentId: null, sql: "SELECT count(*) FROM p" },
  { name: "Cities", aggregation: "distinctCount", attribute: "city", segmentId: null, sql: "SELECT count(DISTINCT lower(city)) FROM p" },
  { name: "Oldest", aggregation: "min", attribute: "birthDate", segmentId: null, sql: "SELECT min(birth) FROM p" },
  { name: "Youngest", aggregation: "max", attribute: "birthDate", segmentId: null, sql: "SELECT max(birth) FROM p" },
  { name: "Gmail with a phone", aggregation: "count", attribute: "phone", segmentId: gmail, sql: "SELECT count(phone) FROM p WHERE email LIKE '%gmail%'" },
];
for (const { name, aggregation, attribute, segmentId } of measures) await createMeasure(scope, { name, description: "", aggregation, attribute, segmentId }, audit);

/** (a) The same ingestion and counts over a raw connection to a scratch database. */
const rawScript = () => {
  const raw = new Database(path.join(tempDir, "raw.db"));
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = FULL");
  const started = performance.now();
  raw.exec(`DROP TABLE IF EXISTS r; DROP TABLE IF EXISTS p;
    CREATE TABLE r (id INTEGER PRIMARY KEY, source INTEGER, data TEXT);
    CREATE TABLE p (key TEXT PRIMARY KEY, email TEXT, phone TEXT, city TEXT, postal TEXT, birth TEXT)`);
  const insert = raw.prepare("INSERT INTO r (source, data) VALUES (?, ?)");
  for (const [index, source] of sources.entries()) {
    raw.transaction(() => {
      const [header, ...records] = readRecords(source.csv).records;
      for (const fields of records) insert.run(index, JSON.stringify(Object.fromEntries(header!.map((name, i) => [name, fields[i] ?? ""]))));
    })();
  }
  // One profile per email, and one per record without an email: its first record's values (the
  // floor; the product's merge does more).
  raw.transaction(() => {
    for (const [index, source] of sources.entries()) {
      const column = (attribute: string) => source.generated.columns.find((c) => c.attribute === attribute)?.column;
      const value = (attribute: string) => (column(attribute) ? `nullif(trim(json_extract(data, '$.${column(attribute)}')), '')` : "NULL");
      raw
        .prepare(
          `INSERT OR IGNORE INTO p (key, email, phone, city, postal, birth)
           SELECT coalesce(lower(${value("email")}), 'record:' || id), lower(${value("email")}), ${value("phone")}, ${value("city")}, ${value("postalCode")}, ${value("birthDate")}
           FROM r WHERE source = ?`,
        )
        .run(index);
    }
  })();
  const counts = segments.map(({ sql }) => (raw.prepare(`SELECT count(*) AS n FROM p WHERE ${sql}`).get() as { n: number }).n);
  const values = measures.map(({ sql }) => Object.values(raw.prepare(sql).get() as object)[0]);
  const ms = performance.now() - started;
  const profiles = (raw.prepare("SELECT count(*) AS n FROM p").get() as { n: number }).n;
  raw.close();
  return { ms, profiles, counts, values };
};

/** (b) A full refresh job, from the request to its end, as the worker loops run it. */
const productRun = async () => {
  const started = performance.now();
  const { job } = await requestFullRefresh({ ...scope, instanceName }, { submissionKind: "onDemand", db });
  for (;;) {
    const current = await db.refreshJob.findUniqueOrThrow({ where: { id: job.id }, select: { status: true } });
    if (current.status !== "queued" && current.status !== "running") break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const ms = performance.now() - started;
  const ended = await db.refreshJob.findUniqueOrThrow({ where: { id: job.id }, include: { tasks: { orderBy: { position: "asc" } } } });
  if (ended.status !== "successful") throw new Error(`The job ended ${ended.status}: ${JSON.stringify(ended.tasks.filter((t) => t.status !== "successful"))}`);
  const byKind = (kind: string) =>
    ended.tasks.filter((task) => task.kind === kind).reduce((sum, task) => sum + (task.finishedAt!.getTime() - task.startedAt!.getTime()), 0);
  const profiles = await db.customerProfile.count({ where: scope });
  return { ms, profiles, kindMs: { dataSources: byKind("dataSource"), unification: byKind("unification"), segments: byKind("segment"), measures: byKind("measure") } };
};

const workers = runWorkers("bench");
const rawTimes: number[] = [];
const productTimes: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const a = rawScript();
  const b = await productRun();
  rawTimes.push(a.ms);
  productTimes.push(b.ms);
  console.log(
    `round ${round}: (a) raw ${a.ms.toFixed(0)} ms, ${a.profiles} profiles; (b) full refresh ${b.ms.toFixed(0)} ms, ${b.profiles} profiles ` +
      `(tasks: sources ${b.kindMs.dataSources} ms, unification ${b.kindMs.unification} ms, segments ${b.kindMs.segments} ms, measures ${b.kindMs.measures} ms)` +
      `${round === 1 ? "; new content" : "; unchanged content"}`,
  );
}
await workers.stop();
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
console.log(
  `median: (a) ${median(rawTimes).toFixed(0)} ms, (b) ${median(productTimes).toFixed(0)} ms; ratio (a)/(b) ${(median(rawTimes) / median(productTimes)).toFixed(2)}; ` +
    `target (b) ≤ 3000 ms; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; load average ${loadAverage()}`,
);
process.exit(0);
