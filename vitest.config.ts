import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests (*.test.ts) run once. Integration tests (*.int.test.ts) need a database and
// run on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set. CI (CI set) must run both:
// without TEST_DATABASE_URL it stops here rather than quietly leaving PostgreSQL out.
if (process.env.CI && !process.env.TEST_DATABASE_URL) {
  throw new Error("CI runs the integration tests on PostgreSQL too: set TEST_DATABASE_URL (postgresql://…).");
}
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
    // Vitest's default leaves one core to its main process: one test file at a time on a 2-core
    // machine. Integration files mostly wait (databases, HTTP, child processes), so run one per core.
    maxWorkers: availableParallelism(),
    // A stray `.only` would silently skip the rest of the suite: CI (CI=1, set by .ci/run) fails on it.
    allowOnly: !process.env.CI,
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
