import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const scanned = ["app", "bench", "components", "lib", "scripts", "e2e"];

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });

describe("the write rule", () => {
  it("opens transactions only through lib/db (writeTransaction / writeBatch)", () => {
    const offenders = scanned
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => !file.startsWith(path.join(root, "lib", "db") + path.sep))
      .filter((file) => /\.\$transaction\s*\(/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(root, file));
    expect(offenders, "use writeTransaction or writeBatch from lib/db/write-transaction.ts").toEqual([]);
  });
});
