import type { Page } from "@playwright/test";
import { demoMeasureInput, demoSegmentInput, findScreens, NO_PROFILE_ID, type Screen } from "../bench/page-weight/screens";
import { expectNoAxeViolations } from "./fixtures/axe";
import { fillLoginForm, idpOrigin, signIn, userMenu } from "./fixtures/identity";
import { createSegmentWithHistory } from "./fixtures/segments";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// axe (WCAG 2.1 A and AA) on every screen and on what opens over it: dialogs, drawers, menus, the
// wizard's steps, a delivery's details. The screens come from app/**/page.tsx (as for the page
// weight), so a screen added later is checked without being listed here. Every other test also
// checks the screen it ends on (e2e/fixtures/test.ts).

const api = `/api/v1/instances/${DEMO_INSTANCE_ID}`;

const screenReady = async (page: Page, screen: Screen) => {
  if (screen.signedIn) await expect(page.getByRole("button", { name: /, account menu$/ })).toBeVisible();
  else await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  // The screen's data has arrived: nothing is still loading.
  await expect(page.getByRole("progressbar")).toHaveCount(0);
};

test("every screen passes axe, signed out and signed in", async ({ page, connectorApi, receiver }) => {
  // About 2.5 minutes on a shared 2-core machine with the segment and measure screens.
  test.setTimeout(240_000);
  const { registration } = await connectorApi.post<{ registration: { id: string } }>(`${api}/trigger-registrations`, {
    displayName: `Accessibility ${Date.now().toString(36)}`,
    destinationType: "webhook",
    type: "datasource.refresh.failed",
    // Any data source: a trigger on one would keep other tests from deleting it.
    parameters: { dataSourceId: null },
    callbackUrl: receiver.url,
  });
  await connectorApi.post(`${api}/trigger-registrations/${registration.id}/test-fire`, {});
  const { profiles } = await connectorApi.get<{ profiles: { id: string }[] }>(`${api}/profiles?$top=1`);
  // The segment and measure screens show these; deleted at the end (the measure first: it uses the segment).
  const suffix = Date.now().toString(36);
  const { segment } = await connectorApi.post<{ segment: { id: string } }>(`${api}/segments`, demoSegmentInput(suffix));
  const { measure } = await connectorApi.post<{ measure: { id: string } }>(`${api}/measures`, demoMeasureInput(suffix, segment.id));
  const screens = findScreens({
    instanceId: DEMO_INSTANCE_ID,
    registrationId: registration.id,
    profileId: profiles[0]?.id ?? NO_PROFILE_ID,
    segmentId: segment.id,
    measureId: measure.id,
    tag: "data-sources",
  });

  for (const screen of screens.filter((s) => !s.signedIn)) {
    await page.goto(screen.path);
    await screenReady(page, screen);
    await expectNoAxeViolations(page, `${screen.route} (${screen.path})`);
  }
  // The embedded identity provider's sign-in page is a screen of the product too.
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.origin === idpOrigin);
  await expect(page.getByLabel("Email")).toBeVisible();
  await expectNoAxeViolations(page, "the identity provider's sign-in page");
  await fillLoginForm(page, "admin");
  await expect(userMenu(page, "admin")).toBeVisible();
  for (const screen of screens.filter((s) => s.signedIn)) {
    await page.goto(screen.path);
    await screenReady(page, screen);
    await expectNoAxeViolations(page, `${screen.route} (${screen.path})`);
  }

  // What opens over the screens.
  await userMenu(page, "admin").click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await expectNoAxeViolations(page, "the account menu");
  await page.keyboard.press("Escape");

  await page.goto(`/instances/${DEMO_INSTANCE_ID}/admin/export-destinations/triggers/${registration.id}`);
  await page.getByRole("button", { name: /^Show details of delivery / }).first().click();
  await expect(page.getByRole("table", { name: "Attempts" })).toBeVisible();
  await expectNoAxeViolations(page, "a delivery's details");
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirmation = page.getByRole("dialog", { name: "Delete this trigger?" });
  await expect(confirmation).toBeVisible();
  await expectNoAxeViolations(page, "the delete confirmation of a trigger");
  // The trigger was this test's own: deleting it leaves the demo data as the other tests expect.
  await confirmation.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("tab", { name: "Triggers" })).toHaveAttribute("aria-selected", "true");

  await page.goto(`/instances/${DEMO_INSTANCE_ID}/data-sources`);
  await page.getByRole("button", { name: "Add data source" }).click();
  await expect(page.getByRole("dialog", { name: "Add data source" })).toBeVisible();
  await expectNoAxeViolations(page, "the add data source dialog");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Run history" }).first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoAxeViolations(page, "a data source's run history");

  await page.goto(`/instances/${DEMO_INSTANCE_ID}/segments/${segment.id}`);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Delete this segment?" })).toBeVisible();
  await expectNoAxeViolations(page, "the delete confirmation of a segment");
  await page.keyboard.press("Escape");
  await connectorApi.delete(`${api}/measures/${measure.id}`);
  await connectorApi.delete(`${api}/segments/${segment.id}`);
});

test("every step of the trigger wizard passes axe, errors included", async ({ page, receiver }) => {
  await signIn(page, "contributor");
  await page.goto(`/instances/${DEMO_INSTANCE_ID}/admin/export-destinations`);
  await page.getByRole("button", { name: "Set up Power Automate" }).click();
  await expect(page.getByRole("radio", { name: /Data source refresh failed/ })).toBeVisible();
  await expectNoAxeViolations(page, "the wizard's Choose trigger step");

  await page.getByRole("radio", { name: /Data source refresh failed/ }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("combobox", { name: "Data source" })).toBeVisible();
  await expectNoAxeViolations(page, "the wizard's Configure step");
  await page.getByRole("combobox", { name: "Data source" }).click();
  await expect(page.getByRole("listbox")).toBeVisible();
  await expectNoAxeViolations(page, "the wizard's data source list, open");
  await page.getByRole("listbox").getByRole("option").first().click();
  await page.getByRole("button", { name: "Next" }).click();

  // Power Automate's Connect step offers the connector's hand-off first, then a flow's HTTP request URL.
  await expect(page.getByRole("link", { name: "Continue in Power Automate" })).toBeVisible();
  await expectNoAxeViolations(page, "the wizard's Connect step, handing off to Power Automate");
  await page.getByRole("radio", { name: /With a flow's HTTP request URL/ }).check();
  await page.getByRole("radio", { name: "Send to an export destination" }).check();
  await expect(page.getByRole("combobox", { name: "Export destination" })).toBeVisible();
  await expectNoAxeViolations(page, "the wizard's Connect step choosing an export destination");
  await page.getByRole("radio", { name: "A new HTTPS endpoint" }).check();
  const endpoint = page.getByRole("textbox", { name: "HTTPS endpoint URL" });
  await endpoint.fill("not a url");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Enter a full URL, starting with https://.")).toBeVisible();
  await expectNoAxeViolations(page, "the wizard's Connect step showing an error");
  await endpoint.fill(receiver.url);
  await page.getByRole("button", { name: "Next" }).click();

  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText("Test event delivered")).toBeVisible();
  await expectNoAxeViolations(page, "the wizard's Review step after a test event");
});

test("the wizard's threshold fields, chart and table pass axe", async ({ page, connectorApi }) => {
  // Reachable only with a threshold type: its subject list, the current value, the history chart
  // (recharts, loaded on this step), the back-test sentence and the table of values.
  const segment = await createSegmentWithHistory(connectorApi, 2);
  await signIn(page, "contributor");
  await page.goto(`/instances/${DEMO_INSTANCE_ID}/admin/export-destinations/new?destination=webhook`);
  await page.getByRole("radio", { name: /Segment size crosses a threshold/ }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "Step 2 of 4: Configure" })).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Choose the segment to watch.")).toBeVisible();
  await expectNoAxeViolations(page, "the wizard's threshold Configure step showing an error");
  await page.getByRole("combobox", { name: "Segment" }).click();
  await expect(page.getByRole("listbox")).toBeVisible();
  await expectNoAxeViolations(page, "the wizard's segment list, open");
  await page.getByRole("option", { name: segment.name, exact: true }).click();
  await page.getByRole("textbox", { name: "Threshold" }).fill("1");
  await page.getByRole("radio", { name: "An amount" }).check();
  await page.getByRole("textbox", { name: "Margin" }).fill("1");
  await expect(page.getByText("Would have fired 0 times over the last run.")).toBeVisible();
  await expect(page.locator(".recharts-surface")).toBeVisible();
  await page.getByText("Show the values as a table").click();
  await expect(page.getByRole("table")).toBeVisible();
  await expectNoAxeViolations(page, "the wizard's threshold Configure step with its chart and table");
});
