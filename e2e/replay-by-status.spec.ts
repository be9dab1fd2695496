import { signIn } from "./fixtures/identity";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// Replay on a trigger's page offers what the API accepts (isReplayAllowed): while the trigger
// is gone the page explains instead of offering Replay, and offers Resume, the way back.

const api = `/api/v1/instances/${DEMO_INSTANCE_ID}`;

test("a gone trigger explains why Replay is not offered; once resumed, Replay sends again", async ({ page, connectorApi, receiver }) => {
  const displayName = `Endpoint that went away ${Date.now().toString(36)}`;
  const { registration } = await connectorApi.post<{ registration: { id: string } }>(`${api}/trigger-registrations`, {
    displayName,
    destinationType: "webhook",
    type: "datasource.refresh.failed",
    parameters: { dataSourceId: null },
    callbackUrl: receiver.url,
  });
  const { delivery } = await connectorApi.post<{ delivery: { id: string } }>(`${api}/trigger-registrations/${registration.id}/test-fire`, {});
  // The endpoint answers the replay with 410 Gone: the trigger is marked gone.
  receiver.respondWith(410);
  await connectorApi.post(`${api}/deliveries/${delivery.id}/replay`, {});
  expect(receiver.requests.map((request) => request.respondedWith)).toEqual([200, 410]);

  // Signed in after the setup, so the first screens load the trigger as it is now.
  await signIn(page, "contributor");
  await page.getByRole("link", { name: "Export destinations", exact: true }).click();
  await page.getByRole("tab", { name: "Triggers" }).click();
  await page.getByRole("link", { name: displayName }).click();
  await expect(page.getByRole("heading", { name: displayName })).toBeVisible();
  await expect(page.getByText("Gone", { exact: true }).first()).toBeVisible();

  const deliveries = page.getByRole("table", { name: "Deliveries" });
  await deliveries.getByRole("button", { name: `Show details of delivery ${delivery.id}` }).click();
  await expect(page.getByText("Replay is not available: the endpoint answered that it no longer exists.", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: `Replay delivery ${delivery.id}` })).toHaveCount(0);

  receiver.respondWith(200);
  await page.getByRole("button", { name: "Resume", exact: true }).click();
  await expect(page.getByRole("button", { name: "Pause", exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Replay delivery ${delivery.id}` }).click();
  await expect(page.getByText("Delivery replayed.", { exact: false })).toBeVisible();
  await expect.poll(() => receiver.requests.map((request) => request.respondedWith)).toEqual([200, 410, 200]);
  expect(receiver.requests[2]!.headers["webhook-id"]).toBe(delivery.id);
});
