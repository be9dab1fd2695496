// npm run db:seed — loads the Contoso Retail demo data (idempotent) into the configured database.
import { getDb } from "../../lib/db/client";
import { seedDemo } from "../../lib/seed/seed-demo";

const db = getDb();
try {
  await seedDemo(db);
  console.log("Demo data is in place: tenant Contoso, instance Contoso Retail, four data sources and their customers unified.");
} finally {
  await db.$disconnect();
}
