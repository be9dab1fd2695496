import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getDb } from "../../db/client";
import { DEMO_INSTANCE_ID, DEMO_TENANT_ID } from "../../seed/demo-identity";

export const scope = { tenantId: DEMO_TENANT_ID, instanceId: DEMO_INSTANCE_ID };

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

export const createRegistration = async (input: {
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
