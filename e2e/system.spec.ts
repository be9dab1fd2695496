import type { Locator, Page } from "@playwright/test";
import { demoRefreshSchedule } from "../lib/seed/seed-demo-schedule";
import { connectorToken } from "./fixtures/identity";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// Admin › System, as a Contributor runs it: start a full refresh and watch each task reach its
// final status and the end announced; edit the schedule and see the next run times follow; save,
// reload, and find it kept. A Viewer follows the same screen without any write button.
//
// The latest job is the first tab; the history and the schedule have tabs of their own.
//
// The demo instance has a nightly schedule (0 2 * * * Europe/Madrid); the browser runs in Madrid
// too, so the times show in one zone until the schedule's zone changes. The schedule test puts
// the demo schedule back as it found it.

const page_ = `/instances/${DEMO_INSTANCE_ID}/admin/system`;
const REFRESH_TIMEOUT_MS = 180_000;

test.use({ timezoneId: "Europe/Madrid" });

const openSystem = async (page: Page) => {
  await page.goto(page_);
  await expect(page.getByRole("heading", { name: "System", level: 1 })).toBeVisible();
};

const nextRunTimes = (page: Page) => page.getByRole("region", { name: "Schedule" }).getByRole("list", { name: "Next run times" });

const runTimesText = async (list: Locator) => {
  await expect(list.getByRole("listitem")).toHaveCount(5);
  return (await list.getByRole("listitem").allInnerTexts()).join("\n");
};

test.describe("as a Contributor", () => {
  test.use({ signInAs: "contributor" });

  // The demo's nightly schedule again after each test, passed or not: a changed one could start a
  // scheduled full refresh in the middle of the tests that follow.
  test.afterEach(async ({ request }) => {
    const response = await request.put(`/api/v1/instances/${DEMO_INSTANCE_ID}/refresh-schedule`, {
      headers: { authorization: `Bearer ${await connectorToken()}` },
      data: demoRefreshSchedule,
    });
    expect(response.status(), await response.text()).toBe(200);
  });
  test.describe.configure({ mode: "serial" });

  test("starts a full refresh and follows its tasks to the announced end", async ({ page }) => {
    test.setTimeout(REFRESH_TIMEOUT_MS + 60_000);
    await openSystem(page);
    await page.getByRole("button", { name: "Run a full refresh" }).click();

    const messages = page.getByRole("region", { name: "Full refresh messages" });
    await expect(messages.getByText(/^(Full refresh started|A full refresh was already running)/)).toBeVisible();
    const latest = page.getByRole("region", { name: /^(Full refresh in progress|Latest full refresh)$/ });
    const tasks = latest.getByRole("table", { name: "Tasks of the latest full refresh" });
    // Every data source, then unification, then the segments and measures.
    await expect(tasks.getByRole("row").filter({ hasText: "Unification" })).toHaveCount(1);
    await expect(tasks.getByRole("row").filter({ hasText: "Data source" }).first()).toBeVisible();

    // The end is announced in the polite live region, with the job's final status.
    const ended = messages.getByText(/^The full refresh (finished successfully|failed|was cancelled)/);
    await expect(ended).toBeVisible({ timeout: REFRESH_TIMEOUT_MS });
    await expect(page.getByRole("region", { name: "Latest full refresh" })).toBeVisible();
    const announced = (await ended.innerText()).includes("successfully") ? "Successful" : (await ended.innerText()).includes("failed") ? "Failed" : "Cancelled";
    await expect(page.getByRole("region", { name: "Latest full refresh" }).getByText(announced, { exact: true }).first()).toBeVisible();

    // Every task has reached a final status, with its time.
    const rows = tasks.getByRole("row").filter({ hasNot: page.getByRole("columnheader") });
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(3);
    for (let index = 0; index < count; index++) {
      await expect(rows.nth(index).getByText(/^(Successful|Failed|Skipped)$/)).toBeVisible();
    }
    await expect(tasks.getByText(/^(Queued|Running)$/)).toHaveCount(0);

    // The history lists it first; its tasks open in a dialog.
    await page.getByRole("tab", { name: "Job history" }).click();
    const history = page.getByRole("table", { name: "Full refresh jobs" });
    await history.getByRole("button", { name: /^Tasks of the full refresh of / }).first().click();
    const dialog = page.getByRole("dialog", { name: /^Full refresh of / });
    await expect(dialog.getByRole("table", { name: /^Tasks of the full refresh of / }).getByRole("row").filter({ hasText: "Unification" })).toHaveCount(1);
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(dialog).toHaveCount(0);
  });

  test("edits the schedule, sees the next run times follow, and finds it kept after a reload", async ({ page }) => {
    await openSystem(page);
    await page.getByRole("tab", { name: "Schedule" }).click();
    const schedule = page.getByRole("region", { name: "Schedule" });
    const times = nextRunTimes(page);
    const nightly = await runTimesText(times);
    await expect(schedule.getByRole("textbox", { name: "Cron expression 1" })).toHaveValue("0 2 * * *");
    await expect(schedule.getByRole("combobox", { name: "Time zone" })).toHaveValue("Europe/Madrid");

    // A second expression: its times join the first's.
    await schedule.getByRole("button", { name: "Add cron expression" }).click();
    const second = schedule.getByRole("textbox", { name: "Cron expression 2" });
    await expect(second).toBeFocused();
    await second.fill("30 14 * * *");
    await expect.poll(() => runTimesText(times)).not.toBe(nightly);
    const withSecond = await runTimesText(times);
    expect(withSecond).toMatch(/14:30|2:30/);

    // Another zone: the times move, and each says when it is there.
    const zone = schedule.getByRole("combobox", { name: "Time zone" });
    await zone.click();
    await zone.fill("new york");
    await page.getByRole("option", { name: "America/New_York" }).click();
    await expect(zone).toHaveValue("America/New_York");
    await expect.poll(() => runTimesText(times)).not.toBe(withSecond);
    await expect(times.getByRole("listitem").first()).toContainText("in America/New_York");

    await schedule.getByRole("button", { name: "Save schedule" }).click();
    await expect(schedule.getByText("Schedule saved.")).toBeVisible();

    await page.reload();
    await page.getByRole("tab", { name: "Schedule" }).click();
    await expect(schedule.getByRole("textbox", { name: "Cron expression 2" })).toHaveValue("30 14 * * *");
    await expect(schedule.getByRole("combobox", { name: "Time zone" })).toHaveValue("America/New_York");
    await expect(times.getByRole("listitem").first()).toContainText("in America/New_York");

    // Back to the demo's nightly schedule.
    await schedule.getByRole("button", { name: "Remove cron expression 2" }).click();
    await zone.click();
    await zone.fill("madrid");
    await page.getByRole("option", { name: "Europe/Madrid" }).click();
    await schedule.getByRole("button", { name: "Save schedule" }).click();
    await expect(schedule.getByText("Schedule saved.")).toBeVisible();
    await expect.poll(() => runTimesText(times)).toBe(nightly);
  });
});

test.describe("as a Viewer", () => {
  test.use({ signInAs: "viewer" });

  test("follows the refreshes and reads the schedule without any write button", async ({ page }) => {
    await openSystem(page);
    await expect(page.getByText(/^You can follow the full refreshes and read the schedule\./)).toBeVisible();
    await page.getByRole("tab", { name: "Job history" }).click();
    await expect(page.getByRole("region", { name: "Job history" })).toBeVisible();
    await page.getByRole("tab", { name: "Schedule" }).click();
    const schedule = page.getByRole("region", { name: "Schedule" });
    await expect(schedule.getByRole("textbox", { name: "Cron expression 1" })).toHaveValue("0 2 * * *");
    await expect(nextRunTimes(page).getByRole("listitem")).toHaveCount(5);
    for (const name of ["Run a full refresh", "Cancel refresh", "Add cron expression", "Save schedule", /^Remove cron expression/]) {
      await expect(page.getByRole("button", { name })).toHaveCount(0);
    }
  });
});
