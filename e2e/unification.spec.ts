import type { Locator, Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { expectNoAxeViolations } from "./fixtures/axe";
import { readAccessToken } from "./fixtures/identity";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// Unification, tried as a new user would: add two data sources whose customers overlap, map their
// columns on Unify › Map, add a fuzzy match rule, run unification, read the counts, and open the
// merged profile showing both source records and the rule that joined them. Then register
// "Unification completed" through the wizard and receive the signed event with the stage counts.
//
// The configuration is the Admin's (PUT …/unification/config requires Admin). The demo
// configuration is extended, not replaced: other sources stay as they are. Names and emails carry
// a suffix unique to this run, so no demo record (nor a previous run's) can match these.

test.use({ signInAs: "admin" });
// The second test runs unification on the configuration the first one saved (a fresh demo
// database may map nothing, and the run would fail with not_configured): in order, and skipped
// when the first fails.
test.describe.configure({ mode: "serial" });

const RUN_TIMEOUT_MS = 90_000;
const suffix = Date.now().toString(36);
const crm = `E2E CRM ${suffix}`;
const web = `E2E web orders ${suffix}`;
const ruleName = `E2E email ${suffix}`;
// Anna is in both sources, her email one letter apart (a typo an exact rule would miss); Pere and
// Jordi are in one source each.
const crmCsv = [
  "id,email,firstName,lastName,city",
  `C-1,anna.ferrer.${suffix}@example.com,Anna,Ferrer,Girona`,
  `C-2,pere.vidal.${suffix}@example.com,Pere,Vidal,Vic`,
].join("\n");
const webCsv = [
  "orderId,mail,name,surname,total",
  `W-1,ana.ferrer.${suffix}@example.com,Anna,Ferrer,42.50`,
  `W-2,jordi.roca.${suffix}@example.com,Jordi,Roca,10.00`,
].join("\n");

const addAndRefreshSource = async (page: Page, name: string, csv: string) => {
  await page.getByRole("link", { name: "Data sources", exact: true }).click();
  await page.getByRole("button", { name: "Add data source" }).click();
  const dialog = page.getByRole("dialog", { name: "Add data source" });
  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  await dialog.getByLabel(/^CSV file/).setInputFiles({ name: `${name}.csv`, mimeType: "text/csv", buffer: Buffer.from(`${csv}\n`) });
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole("button", { name: `Refresh ${name}` }).click();
  const row = page.getByRole("table", { name: "Data sources" }).getByRole("row").filter({ hasText: name });
  await expect(row.getByText("Successful", { exact: true })).toBeVisible({ timeout: 30_000 });
};

/** The value next to a count's label in a stage's counts (a definition list). */
const count = (scope: Locator, label: string) => scope.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");

const mapSource = async (page: Page, name: string, mapping: { key: string; columns: Record<string, string>; sample: [string, string] }) => {
  const section = page.getByRole("region", { name, exact: true });
  await section.getByRole("checkbox", { name: `Include ${name} in unification` }).check();
  await section.getByRole("combobox", { name: /^Primary key column/ }).selectOption(mapping.key);
  const columns = section.getByRole("table", { name: `Columns of ${name}` });
  // Each column shows a sample of its values, read from the source's rows.
  const [sampleColumn, sampleValue] = mapping.sample;
  await expect(columns.getByRole("row").filter({ has: page.getByRole("cell", { name: sampleColumn, exact: true }) })).toContainText(sampleValue);
  for (const [column, attribute] of Object.entries(mapping.columns)) {
    await columns.getByRole("combobox", { name: `Attribute fed by column ${column} of ${name}` }).selectOption({ label: attribute });
  }
};

const runUnificationAndWait = async (page: Page) => {
  await page.getByRole("button", { name: "Run unification" }).click();
  // The page polls while the run is queued or running; the messages region says how it ended,
  // so a failed run fails here at once instead of at the timeout.
  const ended = page.getByText(/^Unification (completed|failed|skipped)/);
  await expect(ended).toBeVisible({ timeout: RUN_TIMEOUT_MS });
  await expect(ended).toHaveText(/^Unification completed\. Profiles: [\d,.]+\.$/);
  const latest = page.getByRole("region", { name: "Latest run" });
  await expect(latest.getByText("Failed", { exact: true })).toHaveCount(0);
  return latest;
};

test("map two sources, add a fuzzy rule, run unification, read the counts and open the merged profile", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`/instances/${DEMO_INSTANCE_ID}`);
  await addAndRefreshSource(page, crm, crmCsv);
  await addAndRefreshSource(page, web, webCsv);

  // Map: include both sources, their keys, and which column feeds which attribute.
  await page.getByRole("link", { name: "Unify", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Unify", level: 1 })).toBeVisible();
  await mapSource(page, crm, {
    key: "id",
    columns: { email: "Email", firstName: "First name", lastName: "Last name", city: "City" },
    sample: ["email", `anna.ferrer.${suffix}@example.com`],
  });
  await mapSource(page, web, {
    key: "orderId",
    columns: { mail: "Email", name: "First name", surname: "Last name" },
    sample: ["surname", "Ferrer"],
  });
  await expectNoAxeViolations(page, "Unify › Map with two sources mapped");

  // Match: a fuzzy rule on the email, moved to the top with the keyboard so that it is the rule
  // credited with the link whatever rules the demo configuration has.
  await page.getByRole("tab", { name: "Match" }).click();
  await page.getByRole("button", { name: "Add rule" }).click();
  const rules = page.getByRole("list", { name: "Match rules, in order" });
  const rule = rules.getByRole("listitem").last();
  await rule.getByRole("textbox", { name: /^Name of rule/ }).fill(ruleName);
  const condition = rule.getByRole("group", { name: `Condition 1 of ${ruleName}` });
  await condition.getByRole("combobox", { name: "Attribute" }).selectOption({ label: "Email" });
  await expect(condition.getByRole("checkbox", { name: "Trim spaces" })).toBeChecked();
  await expect(condition.getByRole("checkbox", { name: "Ignore case" })).toBeChecked();
  await condition.getByRole("combobox", { name: /^Precision/ }).selectOption({ label: "Fuzzy: medium" });
  // The level is explained in words next to it.
  await expect(condition.getByText(/Allows up to 2 typos/)).toBeVisible();
  const ourRule = rules.getByRole("listitem", { name: new RegExp(`^\\d+\\. ${ruleName}$`) });
  const total = await rules.getByRole("listitem").count();
  // Focused once: focus must stay on Move up while the rule climbs, then go to Move down at the top.
  await ourRule.getByRole("button", { name: `Move up rule ${ruleName}` }).focus();
  for (let place = total; place > 1; place--) {
    await page.keyboard.press("Enter");
    await expect(ourRule.getByRole("heading")).toHaveText(`${place - 1}. ${ruleName}`);
    await expect(ourRule.getByRole("button", { name: place - 1 === 1 ? `Move down rule ${ruleName}` : `Move up rule ${ruleName}` })).toBeFocused();
  }
  await expectNoAxeViolations(page, "Unify › Match with a new rule");
  await page.getByRole("tab", { name: "Merge" }).click();
  await expect(page.getByRole("table", { name: "Merge policy per attribute" })).toBeVisible();
  await expectNoAxeViolations(page, "Unify › Merge");

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("The unification settings were saved. Run unification to apply them.")).toBeVisible();

  // Run, then read the counts of the run the page followed.
  const latest = await runUnificationAndWait(page);
  await expectNoAxeViolations(page, "Unify with the latest run's stages");
  const map = latest.getByRole("region", { name: "Map", exact: true });
  await expect(count(map, `Records from ${crm}`)).toHaveText("2");
  await expect(count(map, `Records from ${web}`)).toHaveText("2");
  const match = latest.getByRole("region", { name: "Match", exact: true });
  // Anna's pair at least: the rule applies to every included source, and demo data may hold email typos of its own.
  const matchedByRule = await count(match, `Matched by ${ruleName}`).textContent();
  expect(Number(matchedByRule?.replace(/\D/g, ""))).toBeGreaterThanOrEqual(1);
  const merge = latest.getByRole("region", { name: "Merge", exact: true });
  // The profiles the page shows are the ones the API reports for that run.
  const reported = await page.request.get(`/api/v1/instances/${DEMO_INSTANCE_ID}/unification/runs?$top=1&$skip=0`, {
    headers: { authorization: `Bearer ${await readAccessToken(page)}` },
  });
  expect(reported.ok()).toBe(true);
  const [lastRun] = ((await reported.json()) as { runs: Array<{ stages: Array<{ stage: string; counts: { profilesOut?: number } | null }> }> }).runs;
  const profilesOut = lastRun?.stages.find((stage) => stage.stage === "merge")?.counts?.profilesOut;
  expect(profilesOut).toBeGreaterThan(0);
  await expect(count(merge, "Profiles")).toHaveText(new Intl.NumberFormat("en").format(profilesOut!));

  // The run history lists the run with its counts; its details show each source.
  await page.getByRole("tab", { name: "Run history" }).click();
  const history = page.getByRole("table", { name: "Unification runs" });
  await expect(history.getByRole("row").nth(1)).toContainText("Successful");
  await history.getByRole("row").nth(1).getByRole("button", { name: /^Details of the run submitted/ }).click();
  const details = page.getByRole("dialog", { name: /^Unification run of/ });
  await expect(details.getByRole("table", { name: "Records per data source" }).getByRole("row").filter({ hasText: crm })).toBeVisible();
  await expectNoAxeViolations(page, "a unification run's details");
  await details.getByRole("button", { name: "Close" }).click();
  await expect(details).toHaveCount(0);

  // Customer profiles: Anna's records are one profile; Pere and Jordi have one each.
  await page.getByRole("link", { name: "Customer profiles", exact: true }).click();
  await page.getByRole("searchbox", { name: "Search" }).fill(suffix);
  const profiles = page.getByRole("table", { name: "Customer profiles" });
  await expect(profiles.getByRole("row")).toHaveCount(4); // header + 3 profiles
  const anna = profiles.getByRole("row").filter({ hasText: "Anna Ferrer" });
  await expect(anna.getByRole("cell").last()).toHaveText("2");
  await anna.getByRole("link", { name: "Anna Ferrer" }).click();

  await expect(page.getByRole("heading", { name: "Anna Ferrer", level: 1 })).toBeVisible();
  const fromCrm = page.getByRole("listitem", { name: `${crm}, record C-1` });
  const fromWeb = page.getByRole("listitem", { name: `${web}, record W-1` });
  await expect(fromCrm).toBeVisible();
  await expect(fromWeb).toBeVisible();
  await expect(fromCrm).toContainText(`anna.ferrer.${suffix}@example.com`);
  await expect(fromWeb).toContainText(`ana.ferrer.${suffix}@example.com`);
  // One of them is the profile's first record; the other names the rule and the record it matched.
  await expect(page.getByText("First record of this profile.")).toHaveCount(1);
  await expect(
    page.getByText(new RegExp(`^Joined by rule “${ruleName}” with record (C-1 of ${crm}|W-1 of ${web})\\.$`)),
  ).toHaveCount(1);
});

test("Unification completed reaches a webhook, signed, with the stage counts", async ({ page, receiver }) => {
  test.setTimeout(180_000);
  await page.goto(`/instances/${DEMO_INSTANCE_ID}`);
  await page.getByRole("link", { name: "Export destinations", exact: true }).click();
  await page.getByRole("button", { name: "Set up Webhook" }).click();
  await page.getByRole("radio", { name: /Unification completed/ }).check();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  // The trigger watches the instance: nothing to choose on Configure. Next is clicked there only once
  // the step shows: a second click while the first is still checking counts as the same click.
  await expect(page.getByRole("heading", { name: "Step 2 of 4: Configure" })).toBeVisible();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("textbox", { name: "HTTPS endpoint URL" }).fill(receiver.url);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText("Test event delivered")).toBeVisible();
  const secret = await page.getByRole("textbox", { name: "Signing secret" }).inputValue();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Unification completed");

  await page.getByRole("link", { name: "Unify", exact: true }).click();
  const latest = await runUnificationAndWait(page);
  const profilesShown = await count(latest.getByRole("region", { name: "Merge", exact: true }), "Profiles").textContent();

  const realEvents = () =>
    receiver.eventsOfType("unification.refresh.completed").filter((request) => !(request.json as { test: boolean }).test);
  await expect.poll(() => realEvents().length, { timeout: 30_000 }).toBe(1);
  const delivered = realEvents()[0]!;
  const event = new Webhook(secret).verify(delivered.body, {
    "webhook-id": String(delivered.headers["webhook-id"]),
    "webhook-timestamp": String(delivered.headers["webhook-timestamp"]),
    "webhook-signature": String(delivered.headers["webhook-signature"]),
  }) as {
    type: string;
    instanceId: string;
    data: {
      run: { status: string };
      profilesOut: number | null;
      stages: Array<{ stage: string; status: string; counts: Record<string, unknown> | null }>;
    };
  };
  expect(event.type).toBe("unification.refresh.completed");
  expect(event.instanceId).toBe(DEMO_INSTANCE_ID);
  expect(event.data.run.status).toBe("successful");
  expect(event.data.stages.map((stage) => [stage.stage, stage.status])).toEqual([
    ["map", "successful"],
    ["match", "successful"],
    ["merge", "successful"],
  ]);
  expect(event.data.stages.every((stage) => stage.counts !== null)).toBe(true);
  // The event's counts are the run's the page shows (digits only: the page groups thousands).
  expect(String(event.data.profilesOut)).toBe(profilesShown?.replace(/\D/g, ""));
});
