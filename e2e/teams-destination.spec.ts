import { Webhook } from "standardwebhooks";
import { checkTeamsMessage } from "../lib/teams/testing/check-adaptive-card";
import { expectNoAxeViolations } from "./fixtures/axe";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// The Microsoft Teams tile, as a Contributor sets it up: a Teams Workflows webhook URL (here the
// recording receiver), the card previewed on the review, and a test event that reaches the receiver
// as a Teams message whose Adaptive Card Microsoft's own library reads without a complaint.
test.use({ signInAs: "contributor" });

test("a Teams trigger previews its card, and its test event posts a valid Adaptive Card message", async ({ page, receiver }) => {
  await page.goto(`/instances/${DEMO_INSTANCE_ID}/admin/export-destinations`);
  await page.getByRole("button", { name: "Set up Microsoft Teams" }).click();
  await expect(page.getByRole("heading", { name: "Set up Microsoft Teams", level: 1 })).toBeVisible();
  await page.getByRole("radio", { name: /Data source refresh failed/ }).check();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("combobox", { name: "Data source" }).click();
  await page.getByRole("option", { name: "Web store customers" }).click();
  await page.getByRole("button", { name: "Next", exact: true }).click();

  await expect(page.getByText(/Post to a channel when a webhook request is received/)).toBeVisible();
  await page.getByRole("textbox", { name: "HTTPS endpoint URL" }).fill(receiver.url);
  await page.getByRole("button", { name: "Next", exact: true }).click();

  // The review shows the card Teams will show, drawn from the same sample as the test event.
  const preview = page.getByRole("region", { name: "Preview of the Teams message" });
  await expect(preview.getByRole("heading", { name: /Web store customers/ })).toBeVisible();
  await expectNoAxeViolations(page, "the wizard's review with the Teams card preview");

  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText("Test event delivered")).toBeVisible();
  const secret = await page.getByRole("textbox", { name: "Signing secret" }).inputValue();
  expect(receiver.requests).toHaveLength(1);
  const posted = receiver.requests[0]!;
  const message = new Webhook(secret).verify(posted.body, {
    "webhook-id": String(posted.headers["webhook-id"]),
    "webhook-timestamp": String(posted.headers["webhook-timestamp"]),
    "webhook-signature": String(posted.headers["webhook-signature"]),
  });
  const cards = checkTeamsMessage(message);
  expect(cards).toHaveLength(1);
  expect(cards[0]!.issues).toEqual([]);
  expect(cards[0]!.version).toBe("1.5");
  expect(JSON.stringify(message)).toContain("Web store customers");

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Web store customers");
});
