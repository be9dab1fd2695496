// npm run db:migrate — applies pending migrations to the configured database.
import { applyMigrations } from "../../lib/db/migrations/apply-migrations";
import { resolveDatabaseTarget } from "../../lib/db/provider";
import { getSettings } from "../../lib/settings/settings";

const settings = getSettings();
const target = resolveDatabaseTarget(settings.DATABASE_URL, settings.dataDir);
const applied = await applyMigrations(target);
console.log(
  applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
);
