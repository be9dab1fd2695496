import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";

export type DatabaseTarget =
  | { provider: "sqlite"; url: string; filePath: string }
  | { provider: "postgresql"; url: string };

/** postgres:// and postgresql:// URLs select PostgreSQL; anything else is a SQLite file. */
export const resolveDatabaseTarget = (
  databaseUrl: string | undefined,
  dataDir: string,
): DatabaseTarget => {
  if (databaseUrl && /^postgres(ql)?:\/\//i.test(databaseUrl)) {
    return { provider: "postgresql", url: databaseUrl };
  }
  const filePath = databaseUrl
    ? path.resolve(databaseUrl.replace(/^file:/, ""))
    : path.join(dataDir, "app.db");
  return { provider: "sqlite", url: `file:${filePath}`, filePath };
};
