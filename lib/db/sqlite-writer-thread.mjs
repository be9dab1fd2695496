// The SQLite writer thread of a process's direct statements (sqlite-writer.ts starts it).
// Plain JavaScript: worker_threads loads it as it is, under tsx, vitest or plain node alike.
//
// It owns one connection and runs what the main thread sends, one request at a time, only
// while the main thread holds the process's write lock (sqlite-adapter.ts): BEGIN IMMEDIATE,
// statements, COMMIT. Waiting for another process's lock and the commit's fsync
// (synchronous = FULL) happen here, so they never block the main thread's event loop.
// (Blocking this thread is fine: it has nothing else to do.)
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const db = new Database(workerData.filePath, { timeout: 0 });
db.pragma("synchronous = FULL");

const statements = new Map();
const statement = (sql) => {
  let prepared = statements.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared;
};

const control = { begin: db.prepare("BEGIN IMMEDIATE"), commit: db.prepare("COMMIT"), rollback: db.prepare("ROLLBACK") };

const isBusy = (error) => typeof error?.code === "string" && error.code.startsWith("SQLITE_BUSY");
const pause = new Int32Array(new SharedArrayBuffer(4));

// Another process holds the lock: try again until the deadline, every 0.5 ms at first, at most
// every 5 ms (jittered). SQLite's own busy handler backs off to 100 ms sleeps, and a worker
// sharing the file with a busy producer then loses nearly every race for the lock.
const beginImmediate = (waitMs) => {
  const deadline = Date.now() + waitMs;
  let delay = 0.5;
  for (;;) {
    try {
      control.begin.run();
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() + delay > deadline) throw error;
    }
    Atomics.wait(pause, 0, 0, delay * (0.5 + Math.random()));
    delay = Math.min(delay * 2, 5);
  }
};

const rollbackQuietly = () => {
  try {
    if (db.inTransaction) control.rollback.run();
  } catch {
    // SQLite already rolled back by itself.
  }
};

// Parameters arrive as arrays, for `$1, $2, …`, which better-sqlite3 binds by name. A Date is
// written as Prisma writes a DateTime on SQLite (timestampText in direct-sql.ts).
const bind = (params) => {
  const named = {};
  for (let i = 0; i < params.length; i++) {
    const value = params[i];
    named[i + 1] =
      value instanceof Date ? value.toISOString().replace("Z", "+00:00") : typeof value === "boolean" ? (value ? 1 : 0) : (value ?? null);
  }
  return named;
};

// `all`: the rows (none for a write without RETURNING); otherwise how many rows changed.
const runOnce = (prepared, params, all) => {
  const bindings = params.length > 0 ? [bind(params)] : [];
  if (prepared.reader) {
    const rows = prepared.all(...bindings);
    return all ? rows : rows.length;
  }
  const { changes } = prepared.run(...bindings);
  return all ? [] : changes;
};

// `each`: the same statement once per parameter set (a prepared single-row statement repeated
// is SQLite's cheapest way through a batch), the rows put together.
const run = ({ sql, params, all, each }) => {
  const prepared = statement(sql);
  if (!each) return runOnce(prepared, params, all);
  const rows = [];
  for (const bindings of each) {
    const result = runOnce(prepared, bindings, true);
    for (const row of result) rows.push(row);
  }
  return rows;
};

// { id, begin?: { waitMs }, steps: [{ sql, params, all, each? }], end?: "commit" | "rollback" }
// → { id, results } or { id, error: { code, message } }; after an error nothing is left open.
parentPort.on("message", ({ id, begin, steps, end }) => {
  try {
    if (begin) beginImmediate(begin.waitMs);
    const results = steps.map(run);
    if (end === "commit") control.commit.run();
    else if (end === "rollback") rollbackQuietly();
    parentPort.postMessage({ id, results });
  } catch (error) {
    rollbackQuietly();
    parentPort.postMessage({ id, error: { code: error?.code, message: String(error?.message ?? error) } });
  }
});
