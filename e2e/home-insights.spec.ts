import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// Home shows the instance's business measures (latest value, change, a sparkline of their history)
// and segments (size, change), each a link to its own page.

test.use({ signInAs: "viewer" });

const api = `/api/v1/instances/${DEMO_INSTANCE_ID}`;

test("Home lists measures with a named sparkline and segments, each linking to its page", async ({ page, connectorApi }) => {
  // A measure of its own with two computations (a changed definition is computed again), named to sort first.
  const { measure } = await connectorApi.post<{ measure: { id: string; name: string } }>(`${api}/measures`, {
    name: `A home sparkline ${Date.now().toString(36)}`,
    aggregation: "count",
    attribute: null,
  });
  await connectorApi.patch(`${api}/measures/${measure.id}`, { attribute: "email" });
  try {
    await page.goto(`/instances/${DEMO_INSTANCE_ID}`);
    const measures = page.getByRole("region", { name: "Business measures", exact: true });
    await expect(measures.getByRole("link", { name: measure.name })).toHaveAttribute("href", `/instances/${DEMO_INSTANCE_ID}/measures/${measure.id}`);
    await expect(measures.getByRole("img", { name: new RegExp(`^${measure.name}, last 2 values, from [\\d,]+ to [\\d,]+$`) })).toBeVisible();
    // Home shows the first measures by name; the rest are a link away (which of the demo's show
    // depends on what other tests left, so none is named here).
    await expect(measures.getByRole("link", { name: /^All measures/ })).toBeVisible();

    const segments = page.getByRole("region", { name: "Segments", exact: true });
    const catalonia = segments.getByRole("link", { name: "Catalonia" });
    await expect(catalonia).toHaveAttribute("href", new RegExp(`^/instances/${DEMO_INSTANCE_ID}/segments/`));
    await expect(segments.getByText(/ profiles?$/).first()).toBeVisible();
  } finally {
    // Gone again, so it does not push the demo's measures off Home for the tests that follow.
    await connectorApi.delete(`${api}/measures/${measure.id}`);
  }
});
