import { describe, expect, it } from "vitest";
import { getDatabaseTarget, getDb } from "../db/client";
import type { DatabaseProvider } from "../db/provider";
import { useTestDatabase } from "./test-database";

const database = useTestDatabase();

// CI counts a green `integration:postgresql` as "works on PostgreSQL": make sure that project's
// files really get a PostgreSQL server, through the process-wide client the code under test uses.
const providerOfProject: Record<string, DatabaseProvider> = {
  "integration:sqlite": "sqlite",
  "integration:postgresql": "postgresql",
};

// Prisma's client records the provider it was generated for here; its public type leaves it out.
const clientProvider = (client: object) => (client as { _activeProvider?: string })._activeProvider;

describe("the integration project's database", () => {
  it("is the engine the project is named after, behind the process-wide client", async ({ task }) => {
    const project = task.file.projectName ?? "";
    expect(Object.keys(providerOfProject), "a project this file runs in").toContain(project);
    const provider = providerOfProject[project];

    expect(database.current().target.provider).toBe(provider);
    expect(getDatabaseTarget().provider).toBe(provider);
    expect(clientProvider(getDb())).toBe(provider);

    if (provider === "postgresql") {
      const [server] = await getDb().$queryRaw<{ version: string }[]>`select version() as version`;
      expect(server?.version).toMatch(/^PostgreSQL \d+/);
    } else {
      const [engine] = await getDb().$queryRaw<{ version: string }[]>`select sqlite_version() as version`;
      expect(engine?.version).toMatch(/^3\.\d+\.\d+/);
    }
  });
});
