import type { Page } from "@playwright/test";
import { dropCachedTokens, fillLoginForm, idpOrigin, readAccessToken, signIn, spoilCachedAccessToken, userMenu } from "./fixtures/identity";
import type { RecordingReceiver } from "./fixtures/recording-receiver";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// Sign-in through the real MSAL redirect flow and the embedded provider's login form, and what
// each role may see and do. The API enforces the roles; the UI does not offer what it would refuse.

const api = `/api/v1/instances/${DEMO_INSTANCE_ID}`;
// Names unique per run, so a rerun against the same database finds exactly its own rows.
const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

type Api = { get: <T>(path: string) => Promise<T>; post: <T>(path: string, body: unknown) => Promise<T> };

/** A Power Automate trigger on "Web store customers", created through the API as the connector. */
const createTrigger = async (connectorApi: Api, receiver: RecordingReceiver, displayName: string) => {
  const { dataSources } = await connectorApi.get<{ dataSources: { id: string; name: string }[] }>(`${api}/data-sources`);
  const dataSource = dataSources.find((ds) => ds.name === "Web store customers")!;
  const { registration } = await connectorApi.post<{ registration: { id: string } }>(`${api}/trigger-registrations`, {
    displayName,
    destinationType: "powerAutomate",
    type: "datasource.refresh.succeeded",
    parameters: { dataSourceId: dataSource.id },
    callbackUrl: receiver.url,
  });
  return registration.id;
};

/** Calls the API from the page with the token MSAL holds for the signed-in user. */
const callApiAsPage = (page: Page, token: string, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ({ token, method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.status;
    },
    { token, method, path, body },
  );

test.describe("as the Viewer", () => {
  test("sees no actions that change anything, and the API refuses their writes", async ({ page, connectorApi, receiver }) => {
    const name = unique("Viewer can look at this");
    const registrationId = await createTrigger(connectorApi, receiver, name);
    await signIn(page, "viewer");
    await expect(userMenu(page, "viewer")).toContainText("Val Viewer (Viewer, contoso)");

    await page.getByRole("link", { name: "Export destinations", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Power Automate" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Set up/ })).toHaveCount(0);

    await page.getByRole("tab", { name: "Triggers" }).click();
    await page.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Deliveries", exact: true })).toBeVisible();
    for (const action of ["Send test event", "Pause", "Resume", "Delete"]) {
      await expect(page.getByRole("button", { name: action, exact: true })).toHaveCount(0);
    }

    await page.getByRole("link", { name: "Data sources", exact: true }).click();
    await expect(page.getByRole("table", { name: "Data sources" }).getByText("Web store customers")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add data source" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Refresh / })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Upload a file/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Delete / })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Run history of / }).first()).toBeVisible();

    // A link straight to the wizard explains instead of offering it.
    await page.goto(`/instances/${DEMO_INSTANCE_ID}/admin/export-destinations/new?destination=webhook`);
    await expect(page.getByRole("heading", { name: "You can't do this" })).toBeVisible();

    // The API itself refuses the Viewer's writes and answers their reads.
    const token = await readAccessToken(page);
    expect(await callApiAsPage(page, token, "GET", `${api}/trigger-registrations`)).toBe(200);
    expect(
      await callApiAsPage(page, token, "POST", `${api}/trigger-registrations`, {
        displayName: "Not allowed",
        destinationType: "webhook",
        type: "datasource.refresh.failed",
        parameters: { dataSourceId: null },
        callbackUrl: receiver.url,
      }),
    ).toBe(403);
    expect(await callApiAsPage(page, token, "POST", `${api}/trigger-registrations/${registrationId}/pause`)).toBe(403);
    expect(await callApiAsPage(page, token, "DELETE", `${api}/trigger-registrations/${registrationId}`)).toBe(403);
  });
});

test.describe("as the Contributor", () => {
  test.use({ signInAs: "contributor" });

  test("creates a trigger in the wizard, and an expired session keeps what they typed", async ({ page, receiver }) => {
    const webhookName = unique("Contributor's webhook");
    await page.getByRole("link", { name: "Export destinations", exact: true }).click();
    await page.getByRole("button", { name: "Set up Webhook" }).click();
    await page.getByRole("radio", { name: /Data source refresh succeeded/ }).check();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByRole("combobox", { name: "Data source" }).click();
    await page.getByRole("option", { name: "Web store customers" }).click();
    await page.getByRole("textbox", { name: "Display name" }).fill(webhookName);
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByRole("textbox", { name: "HTTPS endpoint URL" }).fill(receiver.url);
    await page.getByRole("button", { name: "Next", exact: true }).click();
    const summary = page.getByRole("definition");
    await expect(summary.filter({ hasText: receiver.url })).toBeVisible();

    // The session ends mid-wizard: no token can be had silently any more. The next API call
    // goes to the provider and back (its own session still stands), and the wizard comes back
    // on the same step with everything typed.
    expect(await dropCachedTokens(page)).toBeGreaterThan(0);
    const wizardUrl = page.url();
    await page.getByRole("button", { name: "Send test event" }).click();
    await page.waitForURL((url) => url.origin === idpOrigin || url.href !== wizardUrl);
    await page.waitForURL(wizardUrl);
    await expect(page.getByRole("heading", { name: "Step 4 of 4: Review" })).toBeVisible();
    await expect(summary.filter({ hasText: receiver.url })).toBeVisible();
    await expect(summary.filter({ hasText: webhookName })).toBeVisible();
    await expect(summary.filter({ hasText: "Web store customers" })).toBeVisible();

    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText("Test event delivered")).toBeVisible();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("heading", { name: webhookName })).toBeVisible();
    await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
  });
});

test.describe("a token the API refuses", () => {
  test.use({ signInAs: "contributor" });

  test("is replaced by a fresh one without leaving the page", async ({ page }) => {
    await page.getByRole("link", { name: "Data sources", exact: true }).click();
    await expect(page.getByRole("button", { name: "Refresh Web store customers" })).toBeVisible();
    const visitedProvider: string[] = [];
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame() && frame.url().startsWith(idpOrigin)) visitedProvider.push(frame.url());
    });

    const refused: string[] = [];
    page.on("response", (response) => {
      if (response.status() === 401) refused.push(response.url());
    });

    expect(await spoilCachedAccessToken(page)).toBe(true);
    await page.getByRole("button", { name: "Refresh Web store customers" }).click();
    await expect(page.getByText("Refresh of Web store customers started.")).toBeVisible();
    // The spoiled token was sent and refused; the retry with a refreshed token went through.
    expect(refused.length).toBeGreaterThan(0);
    expect(visitedProvider).toEqual([]);
  });
});

test.describe("as the Admin", () => {
  test("pauses, resumes and deletes an export destination", async ({ page, connectorApi, receiver }) => {
    const name = unique("Admin will remove this");
    await createTrigger(connectorApi, receiver, name);
    await signIn(page, "admin");
    await page.getByRole("link", { name: "Export destinations", exact: true }).click();
    await page.getByRole("tab", { name: "Triggers" }).click();
    await page.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();

    await page.getByRole("button", { name: "Pause", exact: true }).click();
    await expect(page.getByRole("button", { name: "Resume", exact: true })).toBeVisible();
    await expect(page.getByText("Paused", { exact: true }).first()).toBeVisible();
    await page.getByRole("button", { name: "Resume", exact: true }).click();
    await expect(page.getByRole("button", { name: "Pause", exact: true })).toBeVisible();

    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this trigger?" });
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page.getByRole("table", { name: "Triggers" }).or(page.getByText("No triggers yet"))).toBeVisible();
    await expect(page.getByRole("link", { name })).toHaveCount(0);
  });

  test("signing out ends the session: back does not return, and signing in asks again", async ({ page }) => {
    await signIn(page, "admin");
    await page.getByRole("link", { name: "Data sources", exact: true }).click();
    await expect(page.getByRole("table", { name: "Data sources" })).toBeVisible();
    const signedInUrl = page.url();

    await userMenu(page, "admin").click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Sign in to Audience Insights" })).toBeVisible();

    await page.goBack();
    await page.goto(signedInUrl);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Data sources" })).toHaveCount(0);
    await expect(userMenu(page, "admin")).toHaveCount(0);

    // The provider's session ended too: it asks for credentials again.
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.origin === idpOrigin);
    await expect(page.getByLabel("Password")).toBeVisible();
    await fillLoginForm(page, "admin");
    await expect(userMenu(page, "admin")).toBeVisible();
  });
});

test("a signed-out visitor sees only the sign-in screen, and a deep link survives signing in", async ({ page }) => {
  const deepLink = `/instances/${DEMO_INSTANCE_ID}/data-sources`;
  await page.goto(deepLink);
  await expect(page.getByRole("heading", { name: "Sign in to Audience Insights" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign in" }).click();
  await fillLoginForm(page, "contributor");
  await expect(userMenu(page, "contributor")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${deepLink}$`));
  await expect(page.getByRole("table", { name: "Data sources" })).toBeVisible();
});

