import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildDemoCsvFiles } from "./demo-csv-files";

const seedDataDir = fileURLToPath(new URL("../../prisma/seed-data/", import.meta.url));

describe("buildDemoCsvFiles", () => {
  it("builds exactly the committed demo files (run prisma/seed-data/generate-seed-data.ts after a change)", () => {
    const files = buildDemoCsvFiles();
    const committed = readdirSync(seedDataDir).filter((name) => name.endsWith(".csv")).sort();
    expect(Object.keys(files).sort()).toEqual(committed);
    for (const name of committed) expect(files[name]!.text, name).toBe(readFileSync(path.join(seedDataDir, name), "utf8"));
    expect(Object.fromEntries(Object.entries(files).map(([name, file]) => [name, file.rows]))).toEqual({
      "contoso-crm-contacts.csv": 1664,
      "contoso-web-customers.csv": 1200,
      "contoso-loyalty-members.csv": 1136,
      "contoso-pos-transactions.csv": 300,
    });
  });
});
