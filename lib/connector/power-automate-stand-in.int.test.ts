import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, it, onTestFinished } from "vitest";
import { getDb } from "../db/client";
import { closeDeliveryAgent } from "../delivery/send-webhook";
import { startWebhookReceiver, type WebhookReceiver, waitFor } from "../delivery/testing/webhook-receiver";
import { requestFullRefresh } from "../refresh-jobs/request-full-refresh";
import { createSource, scope, seedIdentity, useFixedEncryptionKey } from "../testing/factories";
import { useTestDatabase } from "../testing/test-database";
import { ZUnificationConfig } from "../unification/schemas";
import { updateConfig } from "../unification/update-config";
import { type RunningWorkers, runWorkers } from "../worker/run-workers";
import { type AppServer, startAppServer } from "./testing/app-server";
import { connectorClientToken } from "./testing/connector-client-token";
import { connectPowerAutomateStandIn, type PowerAutomateStandIn } from "./testing/power-automate-stand-in";
import type { TTriggerOperationId } from "../triggers/types/connector-operations";

// The connector as Power Automate uses it (SPEC §5), on SQLite and PostgreSQL: a stand-in that
// knows nothing but the served definition and a client-credentials token saves a flow on each of
// the six triggers (operation by operationId, dropdowns filled from the declared dynamic values by
// title, the callback URL in the x-ms-notification-url property), causes the event through the
// declared actions, against the API over HTTP and the worker loops running in-process; the
// notification must match the trigger's declared x-ms-notification-content and carry a valid
// Standard Webhooks signature. After the DELETE on the Location, the same event reaches nobody.
// Data is set up directly (file data sources the test rewrites, the unification configuration,
// a segment and a measure): the flow's part is what goes through the connector.

const sourcesDir = mkdtempSync(path.join(os.tmpdir(), "ai-power-automate-"));
process.env.DATA_SOURCES_DIR = sourcesDir;
process.env.DELIVERY_ALLOWED_HOSTS = "127.0.0.1";
useFixedEncryptionKey();
useTestDatabase();

const INSTANCE = "Contoso Retail";
const WEB_SHOP = "Web shop";
const SEGMENT = "Customers with an email";
const MEASURE = "Customers";

let app: AppServer;
let workers: RunningWorkers;
let receiver: WebhookReceiver;
let powerAutomate: PowerAutomateStandIn;

/** The web shop's export: `customers` rows, each a profile with an email once unified. */
const writeWebShop = (customers: number) =>
  writeFileSync(
    path.join(sourcesDir, "web-shop.csv"),
    ["id,email", ...Array.from({ length: customers }, (_, i) => `${i + 1},customer${i + 1}@example.com`)].join("\n") + "\n",
  );

const ended = (status: string) => !["queued", "running"].includes(status);

/** A full refresh requested directly (data set-up, not the flow's doing), to its end. */
const fullRefreshDirectly = async () => {
  const { job } = await requestFullRefresh({ ...scope, instanceName: INSTANCE });
  await waitFor(async () => ended((await getDb().refreshJob.findUniqueOrThrow({ where: { id: job.id } })).status), 20_000, "the set-up's full refresh");
};

/** Every delivery the outbox holds has been sent (none pending or in flight). */
const outboxSettled = () =>
  waitFor(async () => (await getDb().delivery.count({ where: { status: { in: ["pending", "delivering"] } } })) === 0, 15_000, "the delivery loop to be idle");

beforeAll(async () => {
  await seedIdentity(getDb());
  writeWebShop(2);
  const webShop = await createSource({ kind: "file", name: WEB_SHOP, location: "web-shop.csv", requiredColumns: ["id", "email"] });
  await updateConfig(
    scope,
    ZUnificationConfig.parse({
      customAttributes: [],
      sources: [{ dataSourceId: webShop.id, primaryKeyColumn: "id", columns: [{ column: "email", attribute: "email" }] }],
      rules: [{ name: "Same email", conditions: [{ attribute: "email", normalizations: ["canonicalEmail"] }] }],
    }),
    { actorId: "user-contoso-admin", actorName: "Avery Admin", tenantId: scope.tenantId, ip: null, userAgent: null },
    INSTANCE,
  );
  await getDb().segment.create({
    data: { ...scope, name: SEGMENT, rule: { combinator: "and", conditions: [{ attribute: "email", operator: "contains", value: "@" }] } },
  });
  await getDb().measure.create({ data: { ...scope, name: MEASURE, aggregation: "count", segmentId: null } });

  receiver = await startWebhookReceiver();
  app = await startAppServer();
  workers = runWorkers("stand-in-test");
  await fullRefreshDirectly();
  powerAutomate = await connectPowerAutomateStandIn({
    definitionUrl: `${app.origin}/api/connector/apiDefinition.swagger.json`,
    token: connectorClientToken,
  });
});

afterAll(async () => {
  await workers?.stop();
  await app?.close();
  await receiver?.close();
  await closeDeliveryAgent();
  rmSync(sourcesDir, { recursive: true, force: true });
});

// What a flow does between the trigger and the next step, through the connector's actions.

const refreshDataSource = async (values: Record<string, unknown>) => {
  const started = await powerAutomate.call("StartDataSourceRefresh", { instanceId: values.instanceId, dataSourceId: values.dataSourceId });
  expect(started.status, started.text).toBe(202);
  // The connector declares no action that reads a run: the test watches it end in the database.
  const runId = started.json.run.id as string;
  await waitFor(async () => ended((await getDb().dataSourceRun.findUniqueOrThrow({ where: { id: runId } })).status), 20_000, "the refresh run");
};

const refreshEverything = async (values: Record<string, unknown>) => {
  const started = await powerAutomate.call("StartFullRefresh", { instanceId: values.instanceId });
  expect(started.status, started.text).toBe(202);
  const jobId = started.json.job.id as string;
  // Polled as a flow's "Do until" would, backing off so the connection stays well within its rate limit.
  let delayMs = 100;
  for (;;) {
    const job = await powerAutomate.call("GetRefreshJob", { instanceId: values.instanceId, jobId });
    expect(job.status, job.text).toBe(200);
    if (ended(job.json.job.status)) return job.json.job as { status: string };
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    delayMs = Math.min(delayMs * 2, 1000);
  }
};

const growWebShopAndRefresh = async (values: Record<string, unknown>) => {
  writeWebShop(3);
  await refreshEverything(values);
};

/** Two customers, computed: the threshold's subject back below where the test puts the threshold. */
const twoCustomers = async () => {
  writeWebShop(2);
  await fullRefreshDirectly();
};

type Scenario = {
  operationId: TTriggerOperationId;
  /** The dropdown titles a maker picks. */
  picks: Record<string, string>;
  /** Typed-in values, which the maker reads through the declared actions. */
  values?: (picked: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** Brings the data where the event can happen (directly), before each round. */
  arrange?: () => Promise<void>;
  /** Causes the event through the declared actions; returns once what causes it has ended. */
  cause: (values: Record<string, unknown>) => Promise<void>;
  /** What the event must say about what was picked. */
  expectData: (data: Record<string, any>, values: Record<string, unknown>) => void;
};

const scenarios: Scenario[] = [
  {
    operationId: "OnDataSourceRefreshFailed",
    picks: { instanceId: INSTANCE, dataSourceId: "Store returns" },
    // A file source whose file never arrived: each refresh of it fails. Removed after the test.
    arrange: async () => {
      if (await getDb().dataSource.findFirst({ where: { ...scope, name: "Store returns" } })) return;
      const source = await createSource({ kind: "file", name: "Store returns", location: "store-returns.csv" });
      onTestFinished(async () => {
        await getDb().dataSource.delete({ where: { id: source.id } });
      });
    },
    cause: refreshDataSource,
    expectData: (data, values) => {
      expect(data.dataSource).toMatchObject({ id: values.dataSourceId, name: "Store returns" });
      expect(data.run.status).toBe("failed");
    },
  },
  {
    operationId: "OnDataSourceRefreshSucceeded",
    picks: { instanceId: INSTANCE, dataSourceId: WEB_SHOP },
    cause: refreshDataSource,
    expectData: (data, values) => {
      expect(data.dataSource).toMatchObject({ id: values.dataSourceId, name: WEB_SHOP });
      expect(data.run.status).toBe("successful");
    },
  },
  {
    operationId: "OnSegmentThresholdCrossed",
    picks: { instanceId: INSTANCE, segmentId: SEGMENT },
    values: async (picked) => {
      const segment = await powerAutomate.call("GetSegment", { instanceId: picked.instanceId, segmentId: picked.segmentId });
      expect(segment.status, segment.text).toBe(200);
      expect(segment.json.segment.size).toBe(2);
      return { threshold: segment.json.segment.size };
    },
    arrange: twoCustomers,
    cause: growWebShopAndRefresh,
    expectData: (data, values) => {
      expect(data).toMatchObject({ segment: { id: values.segmentId, name: SEGMENT }, threshold: 2, crossed: "above", previousValue: 2, currentValue: 3 });
    },
  },
  {
    operationId: "OnMeasureThresholdCrossed",
    picks: { instanceId: INSTANCE, measureId: MEASURE },
    values: async (picked) => {
      const measure = await powerAutomate.call("GetMeasure", { instanceId: picked.instanceId, measureId: picked.measureId });
      expect(measure.status, measure.text).toBe(200);
      expect(measure.json.measure.value).toBe(2);
      return { threshold: measure.json.measure.value };
    },
    arrange: twoCustomers,
    cause: growWebShopAndRefresh,
    expectData: (data, values) => {
      expect(data).toMatchObject({ measure: { id: values.measureId, name: MEASURE }, threshold: 2, crossed: "above", previousValue: 2, currentValue: 3 });
    },
  },
  {
    operationId: "OnFullRefreshCompleted",
    picks: { instanceId: INSTANCE },
    cause: async (values) => {
      expect((await refreshEverything(values)).status).toBe("successful");
    },
    expectData: (data) => {
      expect(data.job).toMatchObject({ status: "successful", submissionKind: "onDemand" });
    },
  },
  {
    operationId: "OnUnificationCompleted",
    picks: { instanceId: INSTANCE },
    cause: async (values) => {
      await refreshEverything(values);
    },
    expectData: (data) => {
      expect(data.run.status).toBe("successful");
    },
  },
];

for (const scenario of scenarios) {
  const { operationId } = scenario;
  it(`${operationId}: subscribes from the definition alone, gets the event as declared and signed, and nothing after the DELETE`, async () => {
    await scenario.arrange?.();
    const picked = await powerAutomate.fill(operationId, { picks: scenario.picks });
    const values = { ...picked, ...(await scenario.values?.(picked)) };
    const callbackPath = `/flows/${operationId}`;
    const subscription = await powerAutomate.subscribe(operationId, { values }, receiver.url(callbackPath));
    expect(subscription.signingSecret).toMatch(/^whsec_/);
    const received = () => receiver.received.filter((request) => request.path === callbackPath);

    await scenario.cause(values);
    await waitFor(() => received().length > 0, 15_000, `the ${operationId} notification`);
    await outboxSettled();
    expect(received()).toHaveLength(1);
    const notification = received()[0]!;
    const body = JSON.parse(notification.body);
    expect(powerAutomate.notificationProblems(operationId, body)).toEqual([]);
    expect(new Webhook(subscription.signingSecret).verify(notification.body, notification.headers)).toEqual(body);
    scenario.expectData(body.data, values);

    const removed = await powerAutomate.unsubscribe(subscription.location);
    expect(removed.status, removed.text).toBe(204);
    // Power Automate may repeat it (a retry, a flow deleted twice): the same answer.
    expect((await powerAutomate.unsubscribe(subscription.location)).status).toBe(204);
    await scenario.arrange?.();
    await scenario.cause(values);
    await outboxSettled();
    expect(received()).toHaveLength(1);
  });
}
