// Starts the product for the end-to-end tests on a fresh data directory (DATA_DIR), so every
// run begins from the demo seed.
import { rmSync } from "node:fs";
import path from "node:path";

const dataDir = path.resolve(process.env.DATA_DIR ?? ".cache/e2e/data");
if (!dataDir.includes(`${path.sep}.cache${path.sep}`)) throw new Error(`Refusing to wipe ${dataDir}`);
rmSync(dataDir, { recursive: true, force: true });
await import("./start");
