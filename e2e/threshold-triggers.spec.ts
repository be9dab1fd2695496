import { readFileSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { connectorToken } from "./fixtures/identity";
import type { RecordingReceiver } from "./fixtures/recording-receiver";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// Issue 8's journey, tried as a new user would: a segment and a measure of their own, threshold
// triggers set up through the wizard to a recording receiver, then real data changes: a CSV
// replaced, a full refresh (sources → unification → segments → measures) → exactly one signed
// event per crossing, and nothing more while the value stays where it is.

test.use({ signInAs: "contributor" });

const api = `/api/v1/instances/${DEMO_INSTANCE_ID}`;
const webCustomersCsv = readFileSync(new URL("../prisma/seed-data/contoso-web-customers.csv", import.meta.url), "utf8");
const town = "Andorra la Vella";

/** The web store's customers as seeded, plus customers in Andorra la Vella who spent these amounts. */
const webCustomersWith = (spends: number[]) =>
  webCustomersCsv +
  spends
    .map((spend, n) => `WAD0000${n + 1},Núria,Casal${n + 1},nuria.casal${n + 1}@example.ad,,AD500,${town},198${n}-03-1${n},2026-11-01T00:00:00.000Z,${spend},true`)
    .join("\n") +
  (spends.length ? "\n" : "");

type Job = { id: string; status: string; submittedAt: string; tasks: { kind: string; subjectName: string; status: string }[] };

/**
 * Replaces the web store's CSV, then runs a full refresh to its end. A
 * job that was already running when the CSV arrived (the API answers with it) is waited out, and
 * a new one started, so the refresh followed is one that read the new file.
 */
const refreshWith = async (request: APIRequestContext, csv: string) => {
  const headers = { authorization: `Bearer ${await connectorToken()}` };
  const sources = (await (await request.get(`${api}/data-sources`, { headers })).json()) as { dataSources: { id: string; name: string }[] };
  const web = sources.dataSources.find((source) => source.name === "Web store customers")!;
  const uploaded = await request.post(`${api}/data-sources/${web.id}/uploads`, { headers: { ...headers, "content-type": "text/csv" }, data: Buffer.from(csv) });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  const uploadedAt = Date.parse(((await uploaded.json()) as { dataSource: { latestUpload: { uploadedAt: string } } }).dataSource.latestUpload.uploadedAt);
  for (;;) {
    const started = await request.post(`${api}/refresh-jobs`, { headers, data: {} });
    expect(started.status(), await started.text()).toBe(202);
    const { job } = (await started.json()) as { job: Job };
    let ended: Job | undefined;
    await expect
      .poll(
        async () => {
          ended = ((await (await request.get(`${api}/refresh-jobs/${job.id}`, { headers })).json()) as { job: Job }).job;
          return ended.status;
        },
        { timeout: 90_000 },
      )
      .toMatch(/^(successful|failed|cancelled)$/);
    if (Date.parse(job.submittedAt) < uploadedAt) continue;
    // Other tests leave broken sources of their own behind; what this journey needs must succeed.
    const needed = ended!.tasks.filter(
      (task) => task.kind === "unification" || task.kind === "segment" || task.kind === "measure" || task.subjectName === "Web store customers",
    );
    expect(needed.filter((task) => task.status !== "successful"), "the web store, unification, segments and measures succeed").toEqual([]);
    return;
  }
};

/** The wizard from the Power Automate tile to the saved trigger; returns its id and signing secret. */
const setUpThresholdTrigger = async (
  page: Page,
  receiver: RecordingReceiver,
  choice: { trigger: RegExp; subject: "Segment" | "Measure"; name: string; threshold: string; direction: string; margin?: string },
) => {
  await page.goto(`/instances/${DEMO_INSTANCE_ID}/admin/export-destinations`);
  await page.getByRole("button", { name: "Set up Power Automate" }).click();
  await page.getByRole("radio", { name: choice.trigger }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "Step 2 of 4: Configure" })).toBeVisible();
  await page.getByRole("combobox", { name: choice.subject }).click();
  await page.getByRole("option", { name: choice.name, exact: true }).click();
  await expect(page.getByText(/^Current value: 0 \(computed /)).toBeVisible();
  await page.getByRole("textbox", { name: "Threshold" }).fill(choice.threshold);
  await page.getByRole("radio", { name: choice.direction }).check();
  if (choice.margin) {
    await page.getByRole("radio", { name: "An amount", exact: true }).check();
    await page.getByRole("textbox", { name: "Margin", exact: true }).fill(choice.margin);
  }
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("radio", { name: /With a flow's HTTP request URL/ }).check();
  await page.getByRole("textbox", { name: "HTTPS endpoint URL" }).fill(receiver.url);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText("Test event delivered")).toBeVisible();
  const secret = await page.getByRole("textbox", { name: "Signing secret" }).inputValue();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/triggers\/[^/]+$/);
  return { id: page.url().split("/").at(-1)!, secret };
};

type Delivery = { test: boolean; payload: { id: string; type: string; data: Record<string, unknown> } };
/** The real (not test) events a trigger was sent, oldest first: they are written with the computation, so none is still on its way. */
const realEventsOf = async (request: APIRequestContext, registrationId: string) => {
  const headers = { authorization: `Bearer ${await connectorToken()}` };
  const { deliveries } = (await (await request.get(`${api}/trigger-registrations/${registrationId}/deliveries`, { headers })).json()) as { deliveries: Delivery[] };
  return deliveries.filter((delivery) => !delivery.test).reverse();
};

test("segment and measure thresholds fire once per crossing, signed, from real data changes", async ({ page, request, connectorApi, receiver }) => {
  test.setTimeout(300_000);
  const suffix = Date.now().toString(36);
  const { segment } = await connectorApi.post<{ segment: { id: string; name: string } }>(`${api}/segments`, {
    name: `Andorra customers ${suffix}`,
    rule: { combinator: "and", conditions: [{ attribute: "city", operator: "eq", value: town }] },
  });
  const { measure } = await connectorApi.post<{ measure: { id: string; name: string } }>(`${api}/measures`, {
    name: `Andorra spend ${suffix}`,
    aggregation: "sum",
    attribute: "lifetimeValue",
    segmentId: segment.id,
  });

  try {
    const grows = await setUpThresholdTrigger(page, receiver, {
      trigger: /Segment size crosses a threshold/,
      subject: "Segment",
      name: segment.name,
      threshold: "1",
      direction: "Rises above the threshold",
    });
    const falls = await setUpThresholdTrigger(page, receiver, {
      trigger: /Measure crosses a threshold/,
      subject: "Measure",
      name: measure.name,
      threshold: "500",
      direction: "Falls below the threshold",
      margin: "100",
    });

    // Two customers in Andorra, 800 spent: the segment rises past 1; the measure, from 0, is now
    // past 500 + 100 and so ready to fire when it falls below 500.
    await refreshWith(request, webCustomersWith([400, 400]));
    await expect.poll(() => receiver.eventsOfType("segment.threshold.crossed").filter((event) => !(event.json as { test: boolean }).test).length).toBe(1);
    const [crossed] = receiver.eventsOfType("segment.threshold.crossed").filter((event) => !(event.json as { test: boolean }).test);
    new Webhook(grows.secret).verify(crossed!.body, {
      "webhook-id": String(crossed!.headers["webhook-id"]),
      "webhook-timestamp": String(crossed!.headers["webhook-timestamp"]),
      "webhook-signature": String(crossed!.headers["webhook-signature"]),
    });
    expect(crossed!.json).toMatchObject({
      type: "segment.threshold.crossed",
      test: false,
      data: { segment: { id: segment.id, name: segment.name }, threshold: 1, direction: "above", crossed: "above", previousValue: 0, currentValue: 2 },
    });
    expect(await realEventsOf(request, falls.id)).toEqual([]);

    // Refreshed again, nothing changed: nothing more.
    await refreshWith(request, webCustomersWith([400, 400]));
    expect(await realEventsOf(request, grows.id)).toHaveLength(1);
    expect(await realEventsOf(request, falls.id)).toEqual([]);

    // One of them spends less: 450 is below 500, once.
    await refreshWith(request, webCustomersWith([400, 50]));
    let events = await realEventsOf(request, falls.id);
    expect(events.map((event) => event.payload.data)).toMatchObject([{ measure: { id: measure.id }, direction: "below", crossed: "below", previousValue: 800, currentValue: 450 }]);
    await expect.poll(() => receiver.eventsOfType("measure.threshold.crossed").filter((event) => !(event.json as { test: boolean }).test).length).toBe(1);
    const [fell] = receiver.eventsOfType("measure.threshold.crossed").filter((event) => !(event.json as { test: boolean }).test);
    new Webhook(falls.secret).verify(fell!.body, {
      "webhook-id": String(fell!.headers["webhook-id"]),
      "webhook-timestamp": String(fell!.headers["webhook-timestamp"]),
      "webhook-signature": String(fell!.headers["webhook-signature"]),
    });

    // Back to 550: above 500 but within the margin, so not ready again; down to 450: no second event.
    await refreshWith(request, webCustomersWith([400, 150]));
    await refreshWith(request, webCustomersWith([400, 50]));
    events = await realEventsOf(request, falls.id);
    expect(events).toHaveLength(1);
    expect(await realEventsOf(request, grows.id)).toHaveLength(1);
  } finally {
    // The web store as seeded again, for the tests that follow, whatever happened above.
    await refreshWith(request, webCustomersWith([]));
  }
});
