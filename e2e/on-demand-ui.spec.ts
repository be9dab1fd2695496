import { userMenu } from "./fixtures/identity";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// The account menu and the dialogs load their code on demand (first load weight); for keyboard
// users they behave as before: they open from the keyboard, take the focus, and give it back.

test.use({ signInAs: "admin" });

test("the account menu opens from the keyboard, focuses its item, and Escape returns to its button", async ({ page }) => {
  const button = userMenu(page, "admin");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await button.focus();
  await page.keyboard.press("Enter");
  const signOut = page.getByRole("menuitem", { name: "Sign out" });
  await expect(signOut).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("menu")).toContainText("admin@contoso.example");

  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(button).toBeFocused();

  await page.keyboard.press("ArrowDown");
  await expect(signOut).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(button).toBeFocused();
});

test("the add data source dialog traps focus while open and gives it back to its button", async ({ page }) => {
  await page.goto(`/instances/${DEMO_INSTANCE_ID}/data-sources`);
  const add = page.getByRole("button", { name: "Add data source" });
  await add.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Add data source" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: "Name" })).toBeFocused();

  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(add).toBeFocused();
  // Nothing stays hidden from assistive technology once the modal is gone.
  await expect(page.getByRole("table", { name: "Data sources" })).toBeVisible();
});
