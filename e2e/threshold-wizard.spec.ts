import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";
import { createSegmentWithHistory } from "./fixtures/segments";

// The wizard's threshold path, as a Contributor sets it up: a segment with a few computations,
// its current value next to the threshold, the last runs back-tested as the threshold is typed,
// the parameters in words on the review, a test event with them, and the saved trigger's page.

test.use({ signInAs: "contributor" });

test("a segment threshold trigger is set up with its current value and back-test in view", async ({ page, connectorApi, receiver }) => {
  const segment = await createSegmentWithHistory(connectorApi, 3);

  await page.goto(`/instances/${DEMO_INSTANCE_ID}/admin/export-destinations/new?destination=powerAutomate`);
  await page.getByRole("radio", { name: /Segment size crosses a threshold/ }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "Step 2 of 4: Configure" })).toBeVisible();

  // Nothing chosen: Next says what is missing, at its field.
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Choose the segment to watch.")).toBeVisible();

  await page.getByRole("combobox", { name: "Segment" }).click();
  await page.getByRole("option", { name: segment.name, exact: true }).click();
  await expect(page.getByText(/^Current value: 0 \(computed /)).toBeVisible();
  await expect(page.getByText("Enter a threshold to see how often the trigger would have fired.")).toBeVisible();
  await expect(page.getByRole("img", { name: `${segment.name}: the last 3 values, from 0 to 0` })).toBeVisible();

  const threshold = page.getByRole("textbox", { name: "Threshold" });
  await threshold.fill("abc");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Enter the threshold as a number.")).toBeVisible();

  await threshold.fill("5");
  // The oldest value is the starting point; the two later runs are replayed.
  await expect(page.getByText("Would have fired 0 times over the last 2 runs.")).toBeVisible();
  await expect(page.getByRole("img", { name: `${segment.name}: the last 3 values, from 0 to 0, against the threshold 5` })).toBeVisible();
  await page.getByRole("radio", { name: "Falls below the threshold" }).check();
  await page.getByRole("radio", { name: "A percentage of the threshold" }).check();
  await page.getByRole("textbox", { name: "Margin (%)" }).fill("10");

  // The values as a table, for whoever does not read the chart.
  await page.getByText("Show the values as a table").click();
  const table = page.getByRole("table", { name: /the last 3 values/ });
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(table.getByRole("row").nth(1)).toContainText("Starting point");

  await expect(page.getByRole("textbox", { name: "Display name" })).toHaveValue(`Segment threshold: ${segment.name}`);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("radio", { name: /With a flow's HTTP request URL/ }).check();
  await page.getByRole("textbox", { name: "HTTPS endpoint URL" }).fill(receiver.url);
  await page.getByRole("button", { name: "Next" }).click();

  const summary = page.getByRole("definition");
  await expect(summary.filter({ hasText: "Falls below 5" })).toBeVisible();
  await expect(summary.filter({ hasText: /^10% of the threshold \(0\.5\)/ })).toBeVisible();

  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText("Test event delivered")).toBeVisible();
  await expect.poll(() => receiver.eventsOfType("segment.threshold.crossed").length).toBe(1);
  const sample = receiver.eventsOfType("segment.threshold.crossed")[0]!.json as {
    test: boolean;
    data: { segment: { id: string }; threshold: number; direction: string; crossed: string; hysteresis: { kind: string; value: number } };
  };
  expect(sample.test).toBe(true);
  expect(sample.data).toMatchObject({ segment: { id: segment.id }, threshold: 5, direction: "below", crossed: "below", hysteresis: { kind: "percent", value: 10 } });

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: `Segment threshold: ${segment.name}` })).toBeVisible();
  await expect(page.getByText("Falls below 5")).toBeVisible();
  // It starts from the latest size, 0: already below 5, so it must first go back above it.
  await expect(page.getByText(/^Last value seen: 0\. Not ready: /)).toBeVisible();
});
