// npm run connector:package [-- --out <dir>]: writes a folder paconn can create or update the
// Power Platform custom connector from (default connector/): the definition and properties this
// server would serve (its APP_URL and identity settings), the icon, and a settings.json.
//   paconn create --settings <dir>/settings.json [--secret <OAuth client secret>]
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeConnectorPackage } from "../lib/connector/write-package";

const { values } = parseArgs({ options: { out: { type: "string", default: "connector" } } });
const dir = path.resolve(values.out!);
mkdirSync(dir, { recursive: true });
const files = writeConnectorPackage(dir, (file, content) => writeFileSync(file, content));
console.log(`Wrote ${files.join(", ")} to ${dir}`);
