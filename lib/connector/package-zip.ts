import { zipSync } from "fflate";
import { writeConnectorPackage } from "./write-package";

// The connector package as one zip, for the Power Automate tile's download: the same four files
// npm run connector:package writes. Entries carry a fixed date, so the same server always serves
// the same bytes (an ETag could be added without change).
const ENTRY_DATE = new Date("2026-01-01T00:00:00Z");

export const connectorPackageZip = (): Uint8Array => {
  const files: Record<string, Uint8Array> = {};
  writeConnectorPackage("", (name, content) => {
    files[name] = typeof content === "string" ? new TextEncoder().encode(content) : new Uint8Array(content);
  });
  return zipSync(files, { mtime: ENTRY_DATE, level: 9 });
};
