// npm run bench:unify — issue 7's speed target, side by side in one run, on SQLite:
//   (a) a raw better-sqlite3 script over the same rows: the rules' exact-key joins done in SQL
//       (GROUP BY on normalized columns), union-find over the pairs, one profile row per record:
//       the floor for "read every row, join on keys, write the result";
//   (b) the product: a unification run (map → match → merge with every rule, fuzzy conditions
//       included, then profiles, source records, the run's result and its event in one
//       transaction), as the worker runs it.
// 100,000 generated records over three sources (lib/seed/people), the rules and merge policies
// of bench/unify/accuracy.ts. Runs alternate, each on fresh profiles. Prints the figures, the
// ratio (a)/(b), the machine and the load average.
//   BENCH_RECORDS (100000), BENCH_ROUNDS (3); peak RSS of the process is printed at the end.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeMachine, loadAverage } from "../lib/machine";

const tempDir = mkdtempSync(path.join(os.tmpdir(), "ai-bench-unify-"));
process.env.DATA_DIR = tempDir;
process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");

const { createFreshDatabase } = await import("../../lib/db/fresh-database");
const { setDbForTesting } = await import("../../lib/db/client");
const { createSourceWithRows, scope, seedIdentity } = await import("../../lib/testing/factories");
const { generatePeople } = await import("../../lib/seed/people/generate-people");
const { ZUnificationConfig } = await import("../../lib/unification/schemas");
const { updateConfig } = await import("../../lib/unification/update-config");
const { requestUnificationRun } = await import("../../lib/unification/request-run");
const { executeUnificationRun } = await import("../../lib/unification/run/execute-run");
const { unificationEngine } = await import("../../lib/unification/run/engine");
const { benchMergePolicies, benchRules } = await import("./bench-rules");

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const { db, target, drop } = await createFreshDatabase({ provider: "sqlite", dir: tempDir, name: "unify" });
setDbForTesting(db, target);
await seedIdentity(db);

console.log(`bench:unify — ${RECORDS.toLocaleString("en")} records, three sources, SQLite; load average ${loadAverage()}`);
const people = generatePeople({ seed: 7, records: RECORDS, sources: 3 });
const sources: Array<{ id: string; generated: (typeof people.sources)[number] }> = [];
for (const source of people.sources) {
  const rows = Array.from(source.rows());
  const created = await createSourceWithRows({ name: source.name, columns: Object.keys(rows[0] ?? {}), rows });
  sources.push({ id: created.id, generated: source });
}
const audit = { actorId: "bench", actorName: "Benchmark", tenantId: scope.tenantId, ip: null, userAgent: null };
await updateConfig(
  scope,
  ZUnificationConfig.parse({
    customAttributes: [],
    sources: sources.map(({ id, generated }) => ({
      dataSourceId: id,
      primaryKeyColumn: generated.primaryKeyColumn,
      recencyColumn: generated.recencyColumn,
      recencyDateFormat: generated.recencyDateFormat,
      columns: generated.columns,
    })),
    // Ids are the configuration's to assign.
    rules: benchRules.map(({ id: _id, ...rule }) => rule),
    mergePolicies: benchMergePolicies,
    defaultPhoneCountry: "ES",
  }),
  audit,
  "Contoso Retail",
);

if (target.provider !== "sqlite") throw new Error("bench:unify measures SQLite.");
const databaseFile = target.filePath;

/** (a) The rules' exact conditions as SQL joins on the same rows, over a raw connection. */
const rawExactJoins = () => {
  const raw = new Database(databaseFile);
  raw.pragma("journal_mode = WAL");
  const started = performance.now();
  raw.exec(`DROP TABLE IF EXISTS bench_record; DROP TABLE IF EXISTS bench_profile;
    CREATE TABLE bench_record (id INTEGER PRIMARY KEY, source TEXT, key TEXT, email TEXT, phone TEXT, birth TEXT);
    CREATE TABLE bench_profile (record INTEGER PRIMARY KEY, profile INTEGER)`);
  const insert = raw.transaction(() => {
    for (const { id, generated } of sources) {
      const column = (attribute: string) => generated.columns.find((c) => c.attribute === attribute)?.column;
      const field = (attribute: string) => (column(attribute) ? `json_extract(data, '$.${column(attribute)}')` : "NULL");
      raw
        .prepare(
          `INSERT INTO bench_record (source, key, email, phone, birth)
           SELECT ?, trim(json_extract(data, '$.${generated.primaryKeyColumn}')), nullif(lower(trim(${field("email")})), ''),
             nullif(replace(replace(replace(replace(replace(${field("phone")}, ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), ''),
             nullif(trim(${field("birthDate")}), '')
           FROM "DataSourceRow" WHERE "dataSourceId" = ?`,
        )
        .run(id, id);
    }
  });
  insert();
  const count = (raw.prepare("SELECT count(*) AS n FROM bench_record").get() as { n: number }).n;
  const parent = new Int32Array(count + 1).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  // Each rule's exact conditions: every record of a key group joins the group's first record.
  const keys = [["email"], ["phone"], ["phone", "birth"], ["birth"]];
  for (const key of keys) {
    const where = key.map((c) => `${c} IS NOT NULL`).join(" AND ");
    const pairs = raw
      .prepare(`SELECT r.id AS a, g.root AS b FROM bench_record r JOIN (SELECT ${key.join(", ")}, min(id) AS root FROM bench_record WHERE ${where} GROUP BY ${key.join(", ")} HAVING count(*) > 1) g USING (${key.join(", ")}) WHERE r.id <> g.root`)
      .raw()
      .iterate() as Iterable<[number, number]>;
    // The birth-date groups are the name rule's exact part: read, but not joined on, since its fuzzy
    // name conditions (the product's work, not this floor's) decide which of them match.
    const joins = !(key.length === 1 && key[0] === "birth");
    for (const [a, b] of pairs) if (joins) parent[find(a)] = find(b);
  }
  const write = raw.prepare("INSERT INTO bench_profile (record, profile) VALUES (?, ?)");
  raw.transaction(() => {
    for (let id = 1; id <= count; id++) write.run(id, find(id));
  })();
  const profiles = (raw.prepare("SELECT count(DISTINCT profile) AS n FROM bench_profile").get() as { n: number }).n;
  const ms = performance.now() - started;
  raw.exec("DROP TABLE bench_record; DROP TABLE bench_profile;");
  raw.close();
  return { ms, profiles };
};

/** (b) A unification run as the worker runs it, from fresh profiles. */
const productRun = async () => {
  await db.profileSourceRecord.deleteMany({});
  await db.customerProfile.deleteMany({});
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const { run } = await requestUnificationRun({ ...scope, instanceName: "Contoso Retail" });
  const finished = await executeUnificationRun(run.id, unificationEngine);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  if (finished?.status !== "successful") throw new Error(`The run ended ${finished?.status}: ${JSON.stringify(finished?.error)}`);
  const stageMs = Object.fromEntries(finished.stages.map((stage) => [stage.stage, stage.durationMs]));
  const merge = finished.stages.find((stage) => stage.stage === "merge")?.counts as { profilesOut: number } | null;
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, profiles: merge?.profilesOut ?? 0, stageMs };
};

const raws: number[] = [];
const products: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const a = rawExactJoins();
  const b = await productRun();
  raws.push(a.ms);
  products.push(b.ms);
  console.log(
    `round ${round}: (a) raw exact-key joins ${(a.ms / 1000).toFixed(2)} s, ${a.profiles} profiles · ` +
      `(b) unification run ${(b.ms / 1000).toFixed(2)} s (CPU ${(b.cpuMs / 1000).toFixed(2)} s, this process), ${b.profiles} profiles (stages ms ${JSON.stringify(b.stageMs)}) · ratio ${(a.ms / b.ms).toFixed(2)}`,
  );
}
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
console.log(
  `median: (a) ${(median(raws) / 1000).toFixed(2)} s, (b) ${(median(products) / 1000).toFixed(2)} s (target ≤ 5 s), ratio ${(median(raws) / median(products)).toFixed(2)}`,
);
// The whole process: generated rows, the app's run and the raw script's (BENCH_RECORDS=1000000 for the scale figure).
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(`machine: ${JSON.stringify(describeMachine())}; load average at the end ${loadAverage()}`);

setDbForTesting(undefined);
await drop();
rmSync(tempDir, { recursive: true, force: true });
