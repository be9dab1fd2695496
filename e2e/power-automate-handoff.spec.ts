import { expectNoAxeViolations } from "./fixtures/axe";
import { PowerAutomateStandIn } from "./fixtures/power-automate-stand-in";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// The Power Automate tile's hand-off, tried as a Contributor would: the wizard sends them to Power
// Automate (a local stand-in that knows only the connector's definition and OAuth client), which signs
// them in through the connector and subscribes when the flow is saved; the wizard sees it arrive.
test.use({ signInAs: "contributor" });

test("the hand-off to Power Automate ends Connected once the user's flow subscribes with their token", async ({ page, receiver, baseURL }) => {
  const standIn = new PowerAutomateStandIn({ appUrl: baseURL!, callbackUrl: () => receiver.url });
  await standIn.start();
  try {
    await page.goto(`/instances/${DEMO_INSTANCE_ID}/admin/export-destinations`);
    await page.getByRole("button", { name: "Set up Power Automate" }).click();
    await page.getByRole("radio", { name: /Unification completed/ }).check();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Step 2 of 4: Configure" })).toBeVisible();
    await page.getByRole("button", { name: "Next", exact: true }).click();

    await expect(page.getByRole("radio", { name: /With the Audience Insights connector/ })).toBeChecked();
    await expect(page.getByText("You are signed in as Casey Contributor.", { exact: false })).toBeVisible();
    await expectNoAxeViolations(page, "the wizard's hand-off to Power Automate");

    const flowPage = page.waitForEvent("popup");
    await page.getByRole("link", { name: "Continue in Power Automate" }).click();
    const flow = await flowPage;
    await expect(flow.getByRole("heading", { name: "Your flow is saved" })).toBeVisible();
    expect(standIn.subscriptions.map(({ operationId, status }) => ({ operationId, status }))).toEqual([
      { operationId: "OnUnificationCompleted", status: 201 },
    ]);
    await flow.close();

    // Back in the app, the wizard saw the subscription arrive from the same user.
    const status = page.getByRole("status").filter({ hasText: "Connected" });
    await expect(status).toBeVisible();
    await expect(status).toContainText("Your flow subscribed to this trigger as");
    await status.getByRole("link", { name: "Open the trigger" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("When a unification refresh completes");

    // Removing the trigger from the flow unsubscribes it, so later journeys' unification runs do not call it.
    expect(await standIn.unsubscribeAll()).toEqual([204]);
  } finally {
    await standIn.unsubscribeAll();
    await standIn.stop();
  }
});
