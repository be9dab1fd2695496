import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests (*.test.ts) run once. Integration tests (*.int.test.ts) need a database and
// run on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set (CI sets it).
const root = path.dirname(new URL(import.meta.url).pathname);
const integrationOn = (provider: "sqlite" | "postgresql") => ({
  extends: true as const,
  test: {
    name: `integration:${provider}`,
    include: ["lib/**/*.int.test.ts", "app/**/*.int.test.ts", "scripts/**/*.int.test.ts"],
    env: { TEST_DB_PROVIDER: provider },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      integrationOn("sqlite"),
      ...(process.env.TEST_DATABASE_URL ? [integrationOn("postgresql")] : []),
    ],
  },
});
