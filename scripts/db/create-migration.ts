// npm run db:migration -- <name>
// Writes the next migration for SQLite and for PostgreSQL from prisma/schema.source.prisma.
// SQLite diffs against an in-memory shadow database; PostgreSQL needs a server to host a
// temporary shadow database: SHADOW_DATABASE_URL, else DATABASE_URL when it is PostgreSQL,
// else the local server at 127.0.0.1.
import { createMigration } from "../../lib/db/migrations/create-migration";
import { resolveDatabaseTarget } from "../../lib/db/provider";

const name = process.argv.slice(2).join(" ").trim();
if (!name) {
  console.error("Usage: npm run db:migration -- <name>");
  process.exit(1);
}

const pgUrl =
  process.env.SHADOW_DATABASE_URL ??
  (process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined) ??
  "postgresql://postgres@127.0.0.1:5432/postgres";

const now = new Date();
const sqlite = await createMigration("sqlite", name, resolveDatabaseTarget(":memory:", "."), now);
const postgresql = await createMigration("postgresql", name, resolveDatabaseTarget(pgUrl, "."), now);
for (const [provider, dir] of Object.entries({ sqlite, postgresql })) {
  console.log(dir ? `${provider}: wrote prisma/${provider}/migrations/${dir}` : `${provider}: no changes`);
}
