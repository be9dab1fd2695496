import { Webhook } from "standardwebhooks";
import { signIn } from "./fixtures/identity";
import { expectNoAxeViolations } from "./fixtures/axe";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// Export destinations (SPEC §6): an Admin adds an endpoint once, with its signing secret shown
// once; a Contributor sends a trigger to it from the wizard without ever seeing its URL or secret;
// the Admin removes it, and the triggers on it with it.

const api = `/api/v1/instances/${DEMO_INSTANCE_ID}`;
// Unique per run, so a rerun against the same database finds exactly its own rows.
const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

test.use({ signInAs: "admin" });

test("an Admin shares a webhook destination, a Contributor sends a trigger to it, the Admin removes both", async ({
  page,
  browser,
  receiver,
  connectorApi,
}) => {
  const destinationName = unique("Order service");
  const triggerName = unique("Orders refreshed");

  // The Admin adds the destination, shared with everyone, and sees its secret once.
  await page.getByRole("link", { name: "Export destinations", exact: true }).click();
  await page.getByRole("tab", { name: "My export destinations" }).click();
  await page.getByRole("button", { name: "Add destination" }).click();
  const add = page.getByRole("dialog", { name: "Add export destination" });
  await expect(add).toBeVisible();
  await expectNoAxeViolations(page, "the add export destination dialog");
  await add.getByRole("textbox", { name: "Display name" }).fill(destinationName);
  await add.getByRole("radio", { name: "Webhook" }).check();
  await add.getByRole("textbox", { name: "Endpoint URL" }).fill(receiver.url);
  await add.getByRole("radio", { name: "Everyone" }).check();
  await add.getByRole("button", { name: "Add", exact: true }).click();
  const secret = await add.getByRole("textbox", { name: "Signing secret" }).inputValue();
  expect(secret).toMatch(/^whsec_/);
  await expect(add.getByRole("button", { name: "Copy signing secret" })).toBeVisible();
  await expectNoAxeViolations(page, "a new destination's one-time signing secret");
  await add.getByRole("button", { name: "Done" }).click();
  await expect(add).toBeHidden();

  const table = page.getByRole("table", { name: "My export destinations" });
  const row = table.getByRole("row").filter({ hasText: destinationName });
  await expect(row).toContainText("Webhook");
  await expect(row).toContainText("Unused");
  // Editing shows no secret: it was shown once.
  await row.getByRole("button", { name: `Edit ${destinationName}` }).click();
  const edit = page.getByRole("dialog", { name: "Edit export destination" });
  await expect(edit.getByRole("textbox", { name: "Endpoint URL" })).toHaveValue(receiver.url);
  await expect(edit.getByRole("textbox", { name: "Signing secret" })).toHaveCount(0);
  await expectNoAxeViolations(page, "the edit export destination dialog");
  await edit.getByRole("button", { name: "Cancel" }).click();
  await expect(edit).toBeHidden();

  // The Contributor, in a browser of their own, sets up a trigger on it in the wizard.
  const contributorContext = await browser.newContext();
  const contributor = await contributorContext.newPage();
  await signIn(contributor, "contributor");
  await contributor.getByRole("link", { name: "Export destinations", exact: true }).click();
  await contributor.getByRole("button", { name: "Set up Webhook" }).click();
  await contributor.getByRole("radio", { name: /Data source refresh succeeded/ }).check();
  await contributor.getByRole("button", { name: "Next" }).click();
  await contributor.getByRole("combobox", { name: "Data source" }).click();
  await contributor.getByRole("option", { name: "Web store customers" }).click();
  await contributor.getByRole("textbox", { name: "Display name" }).fill(triggerName);
  await contributor.getByRole("button", { name: "Next" }).click();
  await contributor.getByRole("radio", { name: "Send to an export destination" }).check();
  await contributor.getByRole("combobox", { name: "Export destination" }).click();
  await contributor.getByRole("option", { name: destinationName }).click();
  await expectNoAxeViolations(contributor, "the wizard's connect step with an export destination");
  await contributor.getByRole("button", { name: "Next" }).click();
  await expect(contributor.getByText(destinationName)).toBeVisible();
  await contributor.getByRole("button", { name: "Send test event" }).click();
  await expect(contributor.getByText("Test event delivered")).toBeVisible();

  // It reached the receiver signed with the destination's secret, which the Contributor never saw.
  await expect.poll(() => receiver.requests.length).toBe(1);
  const request = receiver.requests[0]!;
  const event = new Webhook(secret).verify(request.body, {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  }) as { type: string; test: boolean };
  expect(event).toMatchObject({ type: "datasource.refresh.succeeded", test: true });

  await contributor.getByRole("button", { name: "Save" }).click();
  await expect(contributor.getByRole("heading", { name: triggerName })).toBeVisible();

  // The Contributor sees the destination by name and type only, and no actions.
  await contributor.goto(`/instances/${DEMO_INSTANCE_ID}/admin/export-destinations?tab=mine`);
  const shared = contributor.getByRole("table", { name: "My export destinations" }).getByRole("row").filter({ hasText: destinationName });
  await expect(shared).toContainText("Webhook");
  await expect(shared.getByRole("cell")).toHaveCount(2);
  await expect(contributor.getByRole("button", { name: "Add destination" })).toHaveCount(0);
  await expect(contributor.getByRole("button", { name: `Remove ${destinationName}` })).toHaveCount(0);
  await expect(contributor.getByText(receiver.url)).toHaveCount(0);
  await expectNoAxeViolations(contributor, "the destinations a Contributor may use");
  await contributorContext.close();

  // The Admin removes it: the dialog names the trigger that uses it, and removes both.
  await page.reload();
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: `Remove ${destinationName}` }).click();
  const remove = page.getByRole("alertdialog", { name: "Remove this export destination?" });
  await remove.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(remove.getByRole("link", { name: triggerName })).toBeVisible();
  await expectNoAxeViolations(page, "removing a destination that triggers use");
  await remove.getByRole("button", { name: "Remove destination and triggers" }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByText(`Export destination “${destinationName}” removed.`)).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: destinationName })).toHaveCount(0);
  const { registrations } = await connectorApi.get<{ registrations: { displayName: string }[] }>(`${api}/trigger-registrations`);
  expect(registrations.map((registration) => registration.displayName)).not.toContain(triggerName);
});
