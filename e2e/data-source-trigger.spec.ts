import type { Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";
import type { RecordedRequest, RecordingReceiver } from "./fixtures/recording-receiver";

// The first vertical slice, tried as a new user would: set up a Power Automate trigger from
// Admin › Export destinations, then change data and watch the event arrive at a real
// HTTP receiver, signed, and listed on the trigger's page.

// Setting up triggers and refreshing data sources is the Contributor's job.
test.use({ signInAs: "contributor" });

type TriggerChoice = { trigger: string; dataSource: string; receiver: RecordingReceiver };

const verifySignature = (request: RecordedRequest, secret: string) =>
  new Webhook(secret).verify(request.body, {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  });

/** Runs the wizard up to and including the test event; returns the signing secret it shows. */
const setUpPowerAutomateTrigger = async (page: Page, { trigger, dataSource, receiver }: TriggerChoice) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Export destinations", exact: true }).click();
  await page.getByRole("button", { name: "Set up Power Automate" }).click();

  await page.getByRole("radio", { name: new RegExp(trigger) }).check();
  await page.getByRole("button", { name: "Next" }).click();

  await page.getByRole("combobox", { name: "Data source" }).click();
  await page.getByRole("option", { name: dataSource }).click();
  await page.getByRole("button", { name: "Next" }).click();

  await page.getByRole("radio", { name: /With a flow's HTTP request URL/ }).check();
  await page.getByRole("textbox", { name: "HTTPS endpoint URL" }).fill(receiver.url);
  await page.getByRole("button", { name: "Next" }).click();

  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText("Test event delivered")).toBeVisible();
  const secret = await page.getByRole("textbox", { name: "Signing secret" }).inputValue();
  expect(secret).toMatch(/^whsec_/);
  return secret;
};

const uploadAndRefresh = async (page: Page, dataSource: string, file?: { name: string; content: string }) => {
  await page.getByRole("link", { name: "Data sources", exact: true }).click();
  if (file) {
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: `Upload file to ${dataSource}` }).click();
    await (await chooser).setFiles({ name: file.name, mimeType: "text/csv", buffer: Buffer.from(file.content) });
    await expect(page.getByText(`${file.name} uploaded to ${dataSource}.`)).toBeVisible();
  }
  await page.getByRole("button", { name: `Refresh ${dataSource}` }).click();
};

test("a failed refresh reaches the flow as a signed datasource.refresh.failed event", async ({ page, receiver }) => {
  const secret = await setUpPowerAutomateTrigger(page, {
    trigger: "Data source refresh failed",
    dataSource: "Web store customers",
    receiver,
  });

  // The test event arrived, signed with the secret the wizard showed, and marked as a test.
  await expect.poll(() => receiver.requests.length).toBe(1);
  const testEvent = verifySignature(receiver.requests[0]!, secret) as { type: string; test: boolean };
  expect(testEvent).toMatchObject({ type: "datasource.refresh.failed", test: true });

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "Refresh failed: Web store customers" })).toBeVisible();
  const triggerUrl = page.url();

  // Break the data: a row with an unterminated quote.
  await uploadAndRefresh(page, "Web store customers", {
    name: "customers-broken.csv",
    content: 'customerId,email,firstName\nC-1,ann@example.com,"Ann\nC-2,bo@example.com,Bo\n',
  });

  await expect.poll(() => receiver.eventsOfType("datasource.refresh.failed").filter((r) => !(r.json as { test: boolean }).test).length, {
    timeout: 30_000,
  }).toBe(1);
  const delivered = receiver.eventsOfType("datasource.refresh.failed").find((r) => !(r.json as { test: boolean }).test)!;
  const event = verifySignature(delivered, secret) as {
    id: string;
    instanceId: string;
    test: boolean;
    data: { dataSource: { name: string }; run: { status: string }; error: { code: string; message: string } | null };
  };
  expect(event.test).toBe(false);
  expect(event.instanceId).toBe(DEMO_INSTANCE_ID);
  expect(event.data.dataSource.name).toBe("Web store customers");
  expect(event.data.run.status).toBe("failed");
  expect(event.data.error?.code).toBe("csv_malformed");
  expect(event.data.error?.message).toBeTruthy();

  // The trigger's page lists the delivery. (The wizard's test event went out before the
  // trigger existed, so it is not one of the trigger's deliveries.)
  await page.goto(triggerUrl);
  const deliveries = page.getByRole("table", { name: "Deliveries" });
  await expect(deliveries.getByRole("row")).toHaveCount(2); // header + the delivery
  const row = deliveries.getByRole("row").nth(1);
  await expect(row).toContainText("datasource.refresh.failed");
  await expect(row).not.toContainText("Test");
  await row.getByRole("button", { name: /Show details of delivery/ }).click();
  await expect(page.getByText(event.id).first()).toBeVisible(); // the payload is shown
});

test("a 503 then a 200 shows one delivery with two attempts", async ({ page, receiver }) => {
  await setUpPowerAutomateTrigger(page, {
    trigger: "Data source refresh succeeded",
    dataSource: "Point of sale transactions",
    receiver,
  });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "Refresh succeeded: Point of sale transactions" })).toBeVisible();
  const triggerUrl = page.url();

  receiver.respondWith(503, 200);
  await uploadAndRefresh(page, "Point of sale transactions");

  // The first attempt got 503; the retry 5 s later (±20 %) got 200.
  const realEvents = () => receiver.eventsOfType("datasource.refresh.succeeded").filter((r) => !(r.json as { test: boolean }).test);
  await expect.poll(() => realEvents().map((r) => r.respondedWith), { timeout: 30_000 }).toEqual([503, 200]);
  const [first, second] = realEvents();
  expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);

  await page.goto(triggerUrl);
  const deliveries = page.getByRole("table", { name: "Deliveries" });
  const realDelivery = deliveries.getByRole("row").filter({ hasText: "datasource.refresh.succeeded" }).filter({ hasNotText: "Test" });
  await expect(realDelivery).toHaveCount(1);
  await realDelivery.getByRole("button", { name: /Show details of delivery/ }).click();
  const attempts = page.getByRole("table", { name: "Attempts" });
  await expect(attempts.getByRole("row")).toHaveCount(3); // header + 2 attempts
  await expect(attempts.getByRole("row").nth(1)).toContainText("503");
  await expect(attempts.getByRole("row").nth(2)).toContainText("200");
});

test("a data source a trigger uses is kept, with the reason naming the trigger, until the trigger is gone", async ({ page, receiver }) => {
  await setUpPowerAutomateTrigger(page, { trigger: "Data source refresh succeeded", dataSource: "Loyalty members", receiver });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "Refresh succeeded: Loyalty members" })).toBeVisible();
  const triggerUrl = page.url();

  await page.getByRole("link", { name: "Data sources", exact: true }).click();
  const table = page.getByRole("table", { name: "Data sources" });
  await table.getByRole("button", { name: "Delete Loyalty members" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this data source?" });
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(dialog.getByText("The data source could not be deleted")).toBeVisible();
  await expect(dialog).toContainText("“Loyalty members” can't be deleted while triggers use it: Refresh succeeded: Loyalty members.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(table.getByRole("row", { name: /Loyalty members/ })).toBeVisible();

  // Once the trigger is deleted, so can the data source be.
  await page.goto(triggerUrl);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog", { name: "Delete this trigger?" }).getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).not.toHaveURL(triggerUrl);

  await page.getByRole("link", { name: "Data sources", exact: true }).click();
  await table.getByRole("button", { name: "Delete Loyalty members" }).click();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByText("Loyalty members deleted.")).toBeVisible();
  await expect(table.getByRole("row", { name: /Loyalty members/ })).toHaveCount(0);
});
