import { open, realpath } from "node:fs/promises";
import path from "node:path";
import { RefreshError, formatBytes } from "./refresh-error";
import { resolveSourcePath } from "./resolve-source-path";

const isMissing = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
};

const isForbidden = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "EACCES" || code === "EPERM";
};

/** Reads a "file" data source from under the data-sources directory, refusing anything that leaves it. */
export const readFileContent = async (location: string, dataSourcesDir: string, maxBytes: number): Promise<Uint8Array> => {
  const { absolute, relative } = resolveSourcePath(location, dataSourcesDir);
  const unreadable = () =>
    new RefreshError(
      "file_unreadable",
      `The file "${relative}" cannot be read: permission denied. Let the app's user read it.`,
      { file: relative },
    );
  const missing = () =>
    new RefreshError(
      "file_missing",
      `The file "${relative}" was not found in the data sources directory. Check that it exists and that the path is spelled correctly.`,
      { reason: "not_found", file: relative },
    );

  let real: string;
  let realRoot: string;
  try {
    realRoot = await realpath(dataSourcesDir);
    real = await realpath(absolute);
  } catch (error) {
    if (isMissing(error)) throw missing();
    if (isForbidden(error)) throw unreadable();
    throw error;
  }
  // A symlink inside the directory must not lead out of it.
  const inside = path.relative(realRoot, real);
  if (!inside || inside.startsWith(`..${path.sep}`) || inside === ".." || path.isAbsolute(inside)) {
    throw new RefreshError(
      "path_refused",
      `The file "${relative}" links to a place outside the data sources directory, which data sources may not read.`,
      { reason: "symlink_outside", file: relative },
    );
  }

  let handle;
  try {
    handle = await open(real, "r");
  } catch (error) {
    if (isMissing(error)) throw missing();
    if (isForbidden(error)) throw unreadable();
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw new RefreshError("file_missing", `"${relative}" is not a file. Enter the path of a CSV file.`, { reason: "not_a_file", file: relative });
    }
    if (stats.size > maxBytes) {
      throw new RefreshError(
        "too_large",
        `The file "${relative}" is ${formatBytes(stats.size)}; data sources read at most ${formatBytes(maxBytes)}.`,
        { reason: "file", file: relative, sizeBytes: stats.size, limitBytes: maxBytes },
      );
    }
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
};
