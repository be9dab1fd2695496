import path from "node:path";
import { RefreshError } from "./refresh-error";

/**
 * Where a "file" data source's location points, inside the data-sources directory.
 * Refuses locations that escape it (`..`, absolute paths elsewhere). Symlinks are checked
 * at read time, on the real path (read-file-content.ts).
 */
export const resolveSourcePath = (location: string, dataSourcesDir: string): { absolute: string; relative: string } => {
  if (location.includes("\0")) throw new RefreshError("path_refused", "The file path contains an invalid character.", { reason: "invalid_character" });
  const root = path.resolve(dataSourcesDir);
  const absolute = path.resolve(root, location);
  const relative = path.relative(root, absolute);
  if (!relative || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new RefreshError(
      "path_refused",
      `The file path "${location}" is outside the data sources directory. Put the file in ${root} and enter its path relative to it.`,
      { reason: "outside_directory", location },
    );
  }
  return { absolute, relative: relative.split(path.sep).join("/") };
};
