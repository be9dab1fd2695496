import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// The API reference: the OpenAPI document rendered for people, reached from the navigation by any
// role (the document is public), with every operation of the document on the page.

test.use({ signInAs: "viewer" });

type OpenApiDocument = { paths: Record<string, Record<string, { operationId: string; tags: string[] }>> };

test("the navigation leads to the API reference, which shows every operation of the OpenAPI document", async ({ page }) => {
  const navigation = page.getByRole("navigation", { name: "Main navigation" });
  await navigation.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(new RegExp(`/instances/${DEMO_INSTANCE_ID}/api-reference$`));
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  await expect(navigation.getByRole("link", { name: "API reference" })).toHaveAttribute("aria-current", "page");

  const raw = page.getByRole("link", { name: "OpenAPI document (JSON)" });
  await expect(raw).toHaveAttribute("href", "/api/v1/openapi.json");
  const response = await page.request.get("/api/v1/openapi.json");
  expect(response.ok()).toBe(true);
  const document = (await response.json()) as OpenApiDocument;
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, ...operation })),
  );
  // An operation is shown under each of its tags.
  await expect(page.getByRole("article")).toHaveCount(operations.reduce((sum, operation) => sum + operation.tags.length, 0));
  for (const operation of operations) {
    const tag = page.getByRole("region", { name: operation.tags[0], exact: true });
    await expect(tag.getByRole("heading", { level: 3, name: new RegExp(`^${operation.method} ${escape(operation.path)} `) })).toHaveCount(1);
  }
});

test("an operation shows its role, parameters, request body schema, responses and error statuses", async ({ page }) => {
  await page.goto(`/instances/${DEMO_INSTANCE_ID}/api-reference`);
  const contents = page.getByRole("navigation", { name: "Contents" });
  await contents.getByRole("link", { name: "Data sources", exact: true }).click();
  await expect(page).toHaveURL(/#tag-data-sources$/);

  const create = page.getByRole("article", { name: "POST /api/v1/instances/{instanceId}/data-sources Create a data source" });
  await expect(create).toBeVisible();
  await expect(create.getByRole("definition")).toContainText(["Contributor or higher"]);

  await expect(create.getByRole("heading", { level: 4, name: "Parameters" })).toBeVisible();
  const parameters = create.getByRole("table", { name: "Parameters" });
  const instanceId = parameters.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "instanceId", exact: true }) });
  await expect(instanceId.getByRole("cell")).toHaveText(["path", /^string/, "Required", ""]);

  const body = create.getByRole("region", { name: "Request body" });
  await expect(body.getByText("One of:")).toBeVisible();
  // The union's variants, each with its kind's allowed value and its required mark.
  // Only the item whose own line names the property (the variant's item holds it too, deeper down).
  const kinds = body.getByRole("listitem").filter({ has: page.locator("xpath=./div/code[normalize-space(.)='kind']") });
  await expect(kinds).toHaveCount(3);
  for (const [index, kind] of ["upload", "file", "url"].entries()) {
    await expect(kinds.nth(index)).toContainText("Required");
    await expect(kinds.nth(index)).toContainText(`Allowed values: ${kind}`);
  }

  const responses = create.getByRole("region", { name: "Responses" });
  await expect(responses.getByText("DataSource (object)", { exact: true }).first()).toBeVisible();
  const errors = create.getByRole("region", { name: "Error statuses" });
  for (const status of ["401", "403", "409", "422"]) await expect(errors.getByRole("listitem").filter({ hasText: new RegExp(`^${status} `) })).toHaveCount(1);

  // The error body is shown once, with the error's code required.
  const errorBody = page.getByRole("region", { name: "Error body" });
  await expect(errorBody.getByText("ErrorBody (object)", { exact: true })).toBeVisible();
  const code = errorBody.getByRole("listitem").filter({ has: page.locator("xpath=./div/code[normalize-space(.)='code']") });
  await expect(code).toHaveCount(1);
  await expect(code).toContainText("Required");
});

test("the public operation says no token is needed", async ({ page }) => {
  await page.goto(`/instances/${DEMO_INSTANCE_ID}/api-reference`);
  const own = page.getByRole("article", { name: /^GET \/api\/v1\/openapi\.json / });
  await expect(own.getByRole("definition").first()).toHaveText("None (public)");
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
