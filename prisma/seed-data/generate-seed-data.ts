// Writes the demo CSV files next to this script: `npx tsx prisma/seed-data/generate-seed-data.ts`.
// What they hold, and how, is lib/seed/demo-csv-files.ts; re-running produces the same files.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildDemoCsvFiles } from "../../lib/seed/demo-csv-files";

const here = path.dirname(fileURLToPath(import.meta.url));
for (const [name, file] of Object.entries(buildDemoCsvFiles())) {
  writeFileSync(path.join(here, name), file.text);
  console.log(`${name}: ${file.rows} rows`);
}
