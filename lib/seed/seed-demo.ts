import { copyFile, mkdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Db, getDb } from "../db/client";
import { executeRun } from "../datasources/execute-run";
import { requestRefresh } from "../datasources/request-refresh";
import { resolveSourcePath } from "../datasources/resolve-source-path";
import { getSettings } from "../settings/settings";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "./demo-identity";
import { seedDemoSchedule } from "./seed-demo-schedule";
import { seedDemoSegments } from "./seed-demo-segments";
import { seedDemoUnification } from "./seed-demo-unification";

export const seedDataDir = fileURLToPath(new URL("../../prisma/seed-data/", import.meta.url));

type DemoSource = {
  name: string;
  kind: "upload" | "file";
  csv: string;
  requiredColumns: string[];
  /** For file sources: where the CSV is placed, relative to the data-sources directory. */
  location?: string;
};

export const demoDataSources: readonly DemoSource[] = [
  { name: "CRM contacts", kind: "upload", csv: "contoso-crm-contacts.csv", requiredColumns: ["contact_id", "email"] },
  { name: "Web store customers", kind: "upload", csv: "contoso-web-customers.csv", requiredColumns: ["customerId", "email"] },
  {
    name: "Point of sale transactions",
    kind: "upload",
    csv: "contoso-pos-transactions.csv",
    requiredColumns: ["transactionId", "totalAmount"],
  },
  {
    name: "Loyalty members",
    kind: "file",
    csv: "contoso-loyalty-members.csv",
    requiredColumns: ["memberId", "email"],
    location: "contoso-retail/loyalty-members.csv",
  },
];

const exists = (file: string) => stat(file).then(() => true, () => false);

// A file source's CSV lives in the data-sources directory; a user may have edited it, so it is only placed when missing.
const placeSourceFile = async (spec: DemoSource) => {
  const { absolute } = resolveSourcePath(spec.location as string, getSettings().dataSourcesDir);
  if (await exists(absolute)) return;
  await mkdir(path.dirname(absolute), { recursive: true });
  await copyFile(path.join(seedDataDir, spec.csv), absolute);
};

const ensureSource = async (db: Db, spec: DemoSource) => {
  const scope = { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID };
  if (spec.kind === "file") await placeSourceFile(spec);
  const existing = await db.dataSource.findFirst({ where: { ...scope, name: spec.name }, select: { id: true } });
  if (existing) return existing.id;
  const content = new Uint8Array(await readFile(path.join(seedDataDir, spec.csv)));
  const source = await db.dataSource.create({
    data: {
      ...scope,
      name: spec.name,
      kind: spec.kind,
      location: spec.kind === "file" ? (spec.location as string) : null,
      requiredColumns: spec.requiredColumns,
      ...(spec.kind === "upload"
        ? { uploads: { create: { fileName: spec.csv, sizeBytes: content.byteLength, content } } }
        : {}),
    },
    select: { id: true },
  });
  return source.id;
};

/**
 * The demo data: tenant Contoso with its admin and the Contoso Retail instance, four data
 * sources (three uploads and a file) and one real, successful refresh of each, then the
 * unification configuration of the three customer sources and a first, successful unification
 * run, so rows, history and customer profiles exist from the first start. Idempotent: skips
 * whatever is already there.
 */
export const seedDemo = async (db: Db = getDb()) => {
  await seedDemoIdentity(db);
  const scope = { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID };
  const sourceIds = new Map<string, string>();
  for (const spec of demoDataSources) {
    const dataSourceId = await ensureSource(db, spec);
    sourceIds.set(spec.name, dataSourceId);
    const refreshed = await db.dataSourceRun.findFirst({
      where: { ...scope, dataSourceId, status: "successful" },
      select: { id: true },
    });
    if (refreshed) continue;
    const run = await requestRefresh(scope, dataSourceId, "onDemand", db);
    // Null when a running worker took the run first; it finishes it the same way.
    const finished = await executeRun(run.id, { db, workerId: "seed" });
    if (finished && finished.status !== "successful") {
      throw new Error(`Seeding "${spec.name}" failed: ${finished.error?.message ?? finished.status}`);
    }
  }
  await seedDemoUnification(db, scope, {
    crm: sourceIds.get("CRM contacts")!,
    web: sourceIds.get("Web store customers")!,
    loyalty: sourceIds.get("Loyalty members")!,
  });
  await seedDemoSegments(db, scope);
  await seedDemoSchedule(db, scope);
};
