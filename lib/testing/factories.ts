import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_ADMIN_ID } from "../auth/principal";
import { encryptSecret } from "../crypto/secret-box";
import { type Db, getDb } from "../db/client";
import { commitWithEvents } from "../events/commit-with-events";
import { newId } from "../ids/new-id";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID, seedDemoIdentity } from "../seed/demo-identity";
import { generateSigningSecret } from "../crypto/signing-secret";
import { replaceRows } from "../datasources/replace-rows";
import { dialectOf } from "../db/dialect";
import { writeTransaction } from "../db/write-transaction";

// Test factories shared by the integration tests and the benchmarks: rows written straight to the
// database, the demo identity, and small servers and waits.

export const scope = { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID };

/** Tests and the benchmark must never write an encryption key into the repository's data/. */
export const useFixedEncryptionKey = () => {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
};

export const seedIdentity = (db: Db) => seedDemoIdentity(db);

/** Each test starts from an empty outbox and no registrations. */
export const clearOutbox = async (db: Db) => {
  await db.delivery.deleteMany({});
  await db.event.deleteMany({});
  await db.triggerRegistration.deleteMany({});
  await db.destination.deleteMany({});
};

export const createRegistration = async (
  db: Db,
  input: {
    callbackUrl: string;
    origin?: "app" | "powerAutomate";
    status?: string;
    type?: "datasource.refresh.failed" | "datasource.refresh.succeeded";
    /** Send through a destination holding the endpoint and secret (as the app sets triggers up), not the registration's own. */
    viaDestination?: boolean;
    /** The destination's type (with viaDestination): what its endpoint takes. */
    destinationType?: "webhook" | "powerAutomate" | "teams";
  },
) => {
  const secret = generateSigningSecret();
  const destination = input.viaDestination
    ? await db.destination.create({
        data: {
          id: newId("dst"),
          ...scope,
          displayName: newId("Test destination"),
          type: input.destinationType ?? "webhook",
          endpoint: input.callbackUrl,
          secretCiphertext: encryptSecret(secret),
          ownerId: DEMO_ADMIN_ID,
        },
        select: { id: true },
      })
    : null;
  const registration = await db.triggerRegistration.create({
    data: {
      id: newId("reg"),
      ...scope,
      displayName: "Test trigger",
      type: input.type ?? "datasource.refresh.failed",
      parameters: { dataSourceId: null },
      dataSourceId: null,
      ...(destination
        ? { destinationId: destination.id, destinationType: input.destinationType ?? "webhook", callbackUrl: null, secretCiphertext: null }
        : { callbackUrl: input.callbackUrl, secretCiphertext: encryptSecret(secret) }),
      origin: input.origin ?? "app",
      ownerId: DEMO_ADMIN_ID,
      status: input.status ?? "active",
    },
    select: { id: true },
  });
  return { id: registration.id, secret };
};

/** Enqueues `count` events through the real outbox, each in its own transaction. */
export const enqueueEvents = async (
  db: Db,
  count: number,
  type: "datasource.refresh.failed" | "datasource.refresh.succeeded" = "datasource.refresh.failed",
) => {
  const deliveryIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const enqueued = await commitWithEvents(db, (_tx, emit) => emit({ ...scope, type, subject: {}, data: { sequence: i } }));
    if (enqueued) deliveryIds.push(...enqueued.deliveryIds);
  }
  return deliveryIds;
};

let counter = 0;

/** A data source written straight to the database (tests may need locations the API refuses). */
export const createSource = async (input: {
  kind: "upload" | "file" | "url";
  location?: string | null;
  requiredColumns?: string[];
  upload?: string;
  name?: string;
}) => {
  counter += 1;
  return getDb().dataSource.create({
    data: {
      ...scope,
      name: input.name ?? `Source ${counter}`,
      kind: input.kind,
      location: input.location ?? null,
      requiredColumns: input.requiredColumns ?? [],
      ...(input.upload !== undefined
        ? {
            uploads: {
              create: {
                fileName: "test.csv",
                sizeBytes: Buffer.byteLength(input.upload),
                content: new Uint8Array(Buffer.from(input.upload)),
              },
            },
          }
        : {}),
    },
  });
};

/**
 * A registration watching one data source (or any), written straight to the database for the
 * refresh tests' fan-out: it is never sent to, so its secret is a placeholder.
 */
export const createRegistrationWatching = async (input: {
  type: "datasource.refresh.succeeded" | "datasource.refresh.failed";
  dataSourceId: string | null;
  status?: string;
}) =>
  getDb().triggerRegistration.create({
    data: {
      ...scope,
      displayName: `${input.type} ${input.dataSourceId ?? "any"}`,
      type: input.type,
      parameters: { dataSourceId: input.dataSourceId },
      dataSourceId: input.dataSourceId,
      callbackUrl: "https://8.8.8.8/hooks",
      secretCiphertext: "v1.test.only.placeholder",
      ownerId: "user-contoso-admin",
      status: input.status ?? "active",
    },
  });

/** Events about one run, with their parsed payloads. */
export const eventsForRun = async (runId: string) => {
  const events = await getDb().event.findMany({ where: scope, include: { deliveries: true }, orderBy: { createdAt: "asc" } });
  return events
    .map((event) => ({ ...event, body: JSON.parse(event.payload) as { type: string; data: { run: { id: string } } & Record<string, any> } }))
    .filter((event) => event.body.data.run.id === runId);
};

/** A local HTTP server whose answer each test sets. */
export const startCsvServer = async () => {
  let respond: (res: import("node:http").ServerResponse) => void = (res) => res.end();
  const server: Server = createServer((_req, res) => respond(res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    answer: (handler: typeof respond) => {
      respond = handler;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** Polls until the check passes or the deadline passes (no fixed sleeps in tests). */
export const waitFor = async <T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("Timed out waiting for the condition.");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/**
 * A data source with rows, as a successful refresh would have left it (its run, its columns and
 * its rows through the same replaceRows): for tests that read sources' rows, such as unification.
 */
export const createSourceWithRows = async (input: { name?: string; columns: string[]; rows: Record<string, string>[]; db?: Db }) => {
  const db = input.db ?? getDb();
  const source = await createSource({ kind: "upload", name: input.name });
  await replaceSourceRows(source.id, input.columns, input.rows, db);
  return source;
};

/** A new successful refresh of a data source, replacing its rows. */
export const replaceSourceRows = async (dataSourceId: string, columns: string[], rows: Record<string, string>[], db: Db = getDb()) => {
  const now = new Date();
  await writeTransaction(db, async (tx) => {
    const run = await tx.dataSourceRun.create({
      data: { ...scope, dataSourceId, status: "successful", startedAt: now, finishedAt: now, rowCount: rows.length, columns },
    });
    await replaceRows(tx, dialectOf(tx), { ...scope, dataSourceId, runId: run.id, rows });
  });
};

/**
 * A registration of a trigger type whose subject is the instance (no data source), written
 * straight to the database: it is never sent to, so its secret is a placeholder.
 */
export const createInstanceRegistration = async (input: { type: string; status?: string }) =>
  getDb().triggerRegistration.create({
    data: {
      ...scope,
      displayName: input.type,
      type: input.type,
      parameters: {},
      dataSourceId: null,
      callbackUrl: "https://8.8.8.8/hooks",
      secretCiphertext: "v1.test.only.placeholder",
      ownerId: "user-contoso-admin",
      status: input.status ?? "active",
    },
  });
