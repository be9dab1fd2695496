// The local endpoint of the delivery and load benchmarks, in its own process (as a real
// receiver would be) so that it does not compete with the sender for the same event loop.
// Answers 204 to everything; reports counts and event → arrival latencies over IPC.
// Test-fires (events marked "test": true) are counted apart and not timed.
import http from "node:http";
import type { AddressInfo } from "node:net";

let count = 0;
let tests = 0;
let measuring = false;
const latencies: number[] = [];
const ids = new Set<string>();
let duplicates = 0;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const arrivedAt = Date.now();
    count++;
    if (measuring) {
      const id = req.headers["webhook-id"];
      if (typeof id === "string") {
        if (ids.has(id)) duplicates++;
        ids.add(id);
      }
      // The event's timestamp is its createdAt: the moment the outbox row was written.
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { timestamp: string; test?: boolean };
      if (body.test) tests++;
      else latencies.push(arrivedAt - Date.parse(body.timestamp));
    }
    res.writeHead(204);
    res.end();
  });
});
server.keepAliveTimeout = 60_000;

process.on("message", (message: { kind: string }) => {
  if (message.kind === "reset") {
    count = 0;
    tests = 0;
    latencies.length = 0;
    ids.clear();
    duplicates = 0;
    measuring = true;
    process.send!({ kind: "reset" });
  } else if (message.kind === "count") {
    process.send!({ kind: "count", count, tests });
  } else if (message.kind === "stats") {
    process.send!({ kind: "stats", count, tests, latencies, duplicates });
  } else if (message.kind === "stop") {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});

server.listen(0, "127.0.0.1", () => {
  process.send!({ kind: "ready", port: (server.address() as AddressInfo).port });
});
