import type { Locator } from "@playwright/test";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// The API reference: the OpenAPI document rendered for people, reached from the navigation by any
// role (the document is public), with every operation of the document on the page.

test.use({ signInAs: "viewer" });

type OpenApiDocument = { paths: Record<string, Record<string, { operationId: string; tags: string[] }>> };

test("the navigation leads to the API reference, whose pages show every operation of the OpenAPI document", async ({ page }) => {
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
  const tags = [...new Set(operations.flatMap((operation) => operation.tags))];
  const tagged = (tag: string) => operations.filter((operation) => operation.tags.includes(tag));

  // The first page lists every operation under each of its tags, as a link to it (one assertion
  // per tag: the page is long).
  for (const tag of tags) {
    const section = page.getByRole("region", { name: tag, exact: true });
    await expect.poll(() => methodsAndPaths(section.getByRole("listitem").getByRole("link"))).toEqual(methodsAndPathsOf(tagged(tag)));
  }
  // Each tag's page shows its operations in full, reached from the contents.
  const contents = page.getByRole("navigation", { name: "Contents" });
  for (const tag of tags) {
    await contents.getByRole("link", { name: tag, exact: true }).click();
    await expect(contents.getByRole("link", { name: tag, exact: true })).toHaveAttribute("aria-current", "page");
    await expect.poll(() => methodsAndPaths(page.getByRole("article").getByRole("heading", { level: 3 }))).toEqual(methodsAndPathsOf(tagged(tag)));
  }
});

test("an operation shows its role, parameters, request body schema, responses and error statuses", async ({ page }) => {
  await page.goto(`/instances/${DEMO_INSTANCE_ID}/api-reference`);
  const contents = page.getByRole("navigation", { name: "Contents" });
  await contents.getByRole("link", { name: "Data sources", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/instances/${DEMO_INSTANCE_ID}/api-reference/data-sources$`));

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

  // The error body is shown once, on the first page, with the error's code required.
  await contents.getByRole("link", { name: "All operations" }).click();
  await expect(contents.getByRole("link", { name: "All operations" })).toHaveAttribute("aria-current", "page");
  const errorBody = page.getByRole("region", { name: "Error body" });
  await expect(errorBody.getByText("ErrorBody (object)", { exact: true })).toBeVisible();
  const code = errorBody.getByRole("listitem").filter({ has: page.locator("xpath=./div/code[normalize-space(.)='code']") });
  await expect(code).toHaveCount(1);
  await expect(code).toContainText("Required");
});

test("the public operation says no token is needed, on the page its link leads to", async ({ page }) => {
  await page.goto(`/instances/${DEMO_INSTANCE_ID}/api-reference`);
  await page.getByRole("link", { name: "GET /api/v1/openapi.json" }).first().click();
  await expect(page).toHaveURL(/\/api-reference\/[a-z-]+#tag-[a-z-]+-getopenapidocument$/i);
  const own = page.getByRole("article", { name: /^GET \/api\/v1\/openapi\.json / });
  await expect(own.getByRole("definition").first()).toHaveText("None (public)");
});

/** "METHOD /path" of each element (a link or an operation's heading, which goes on with the summary), sorted. */
const methodsAndPaths = async (elements: Locator) =>
  (await elements.allTextContents()).map((text) => text.trim().split(/\s+/).slice(0, 2).join(" ")).sort();
const methodsAndPathsOf = (operations: { method: string; path: string }[]) => operations.map(({ method, path }) => `${method} ${path}`).sort();

