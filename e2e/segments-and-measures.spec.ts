import type { Page } from "@playwright/test";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// A segment built with the rule builder (mouse and keyboard), its size read live while editing,
// saved, listed and opened with its members; a measure counting the segment's profiles; deleting
// the segment refused while the measure uses it; then both deleted. Names carry a suffix unique to
// this run (names are unique per instance).

const suffix = Date.now().toString(36);
const segmentName = `E2E Barcelona ${suffix}`;
const measureName = `E2E Barcelona count ${suffix}`;
const instance = `/instances/${DEMO_INSTANCE_ID}`;
const sizePattern = /^([\d,]+) profiles? match(?:es)? this rule now\.$/;

/** The live size, once the preview has answered with one. */
const liveSize = async (page: Page) => {
  const region = page.getByRole("status", { name: "Size now" });
  await expect(region).toHaveText(sizePattern);
  return Number((await region.textContent())!.match(sizePattern)![1]!.replaceAll(",", ""));
};

test.describe("as a Contributor", () => {
  test.use({ signInAs: "contributor" });

  test("builds a segment with a live size, measures it, and deletes both", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`${instance}/segments`);
    await page.getByRole("button", { name: "New segment" }).click();
    await expect(page.getByRole("heading", { name: "New segment", level: 1 })).toBeVisible();
    await page.getByRole("textbox", { name: "Name" }).fill(segmentName);

    await page.getByRole("combobox", { name: "Attribute, condition 1", exact: true }).selectOption("city");
    await page.getByRole("combobox", { name: "Comparison, condition 1", exact: true }).selectOption({ label: "equals" });
    await page.getByRole("textbox", { name: "Value, condition 1", exact: true }).fill("barcelona");
    const barcelona = await liveSize(page);
    expect(barcelona).toBeGreaterThan(0);

    // A nested group, added from the keyboard.
    await page.getByRole("button", { name: "Add group" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("listitem", { name: "Group 2" })).toBeVisible();
    await page.getByRole("combobox", { name: "Attribute, condition 1 of Group 2" }).selectOption("loyaltyPoints");
    await page.getByRole("combobox", { name: "Comparison, condition 1 of Group 2" }).selectOption({ label: "is at least" });
    const points = page.getByRole("spinbutton", { name: "Value, condition 1 of Group 2" });
    // An emptied value is pointed at, from the server's answer, and the size waits for it.
    await points.fill("5");
    await points.fill("");
    await expect(page.getByText("Enter a value.")).toBeVisible();
    await expect(page.getByRole("status", { name: "Size now" })).toHaveText("Complete the highlighted conditions to see how many profiles match.");
    await points.fill("100000000");
    await expect(page.getByRole("status", { name: "Size now" })).toHaveText("0 profiles match this rule now.");
    await expect(page.getByText("Enter a value.")).toHaveCount(0);

    // Points of 0 or more, or no points: every profile of Barcelona again.
    await points.fill("0");
    await page.getByRole("button", { name: "Add condition to Group 2" }).click();
    await page.getByRole("combobox", { name: "Attribute, condition 2 of Group 2" }).selectOption("loyaltyPoints");
    await page.getByRole("combobox", { name: "Comparison, condition 2 of Group 2" }).selectOption({ label: "is empty" });
    await expect(page.getByRole("combobox", { name: "Group 2 must match" })).toHaveValue("or");
    await expect(page.getByRole("status", { name: "Size now" })).toHaveText(`${barcelona.toLocaleString("en-US")} profiles match this rule now.`);

    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("heading", { name: segmentName, level: 1 })).toBeVisible();
    const size = barcelona.toLocaleString("en-US");
    await expect(page.getByRole("definition").filter({ hasText: /^City equals “barcelona” and \(loyaltyPoints is at least 0 or loyaltyPoints is empty\)$/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Computation history" }).getByRole("cell", { name: "On save" }).first()).toBeVisible();
    const members = page.getByRole("table", { name: "Members" });
    await expect(members.getByRole("row")).not.toHaveCount(0);
    await expect(page.getByText(new RegExp(`^1–\\d+ of ${size}$`))).toBeVisible();
    const segmentUrl = page.url();

    await page.getByRole("link", { name: "Back to segments" }).click();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: segmentName }) });
    await expect(row.getByRole("cell").nth(1)).toHaveText(size);

    // A measure counting the segment's profiles has the segment's size.
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Measures" }).click();
    await page.getByRole("button", { name: "New measure" }).click();
    await page.getByRole("textbox", { name: "Name" }).fill(measureName);
    await page.getByRole("combobox", { name: "Aggregation" }).selectOption({ label: "Count" });
    await page.getByRole("combobox", { name: "Attribute" }).selectOption({ label: "None: count the profiles" });
    await page.getByRole("combobox", { name: "Segment" }).selectOption({ label: segmentName });
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("heading", { name: measureName, level: 1 })).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: /^Count of profiles$/ })).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: new RegExp(`^${size}$`) })).toBeVisible();
    const measureUrl = page.url();

    // The segment cannot go while the measure uses it; the refusal names the measure.
    await page.goto(segmentUrl);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const confirmSegment = page.getByRole("dialog", { name: "Delete this segment?" });
    await confirmSegment.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(confirmSegment.getByText(`Triggers: none. Measures: ${measureName}.`, { exact: false })).toBeVisible();
    await confirmSegment.getByRole("button", { name: "Cancel" }).click();

    await page.goto(measureUrl);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("dialog", { name: "Delete this measure?" }).getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Measures", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: measureName })).toHaveCount(0);

    await page.goto(segmentUrl);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("dialog", { name: "Delete this segment?" }).getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Segments", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: segmentName })).toHaveCount(0);
  });
});

test.describe("as a Viewer", () => {
  test.use({ signInAs: "viewer" });

  test("reads segments and measures without the actions that change them", async ({ page }) => {
    await page.goto(`${instance}/segments`);
    await expect(page.getByRole("heading", { name: "Segments", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "New segment" })).toHaveCount(0);
    await page.goto(`${instance}/measures/new`);
    await expect(page.getByText("You can't do this")).toBeVisible();
  });
});
