import type { Page, Response } from "@playwright/test";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// A Catalan user never reads the server's English: every error the API, a refresh run or a
// delivery attempt reports is shown from the catalogs by its code and details. Each test
// provokes real server errors through the UI and checks both what is shown (the Catalan
// sentence, with the server's values filled in) and what is not (the API's English message).

test.use({ signInAs: "contributor" });

const api = `/api/v1/instances/${DEMO_INSTANCE_ID}`;
// Names unique per run, so a rerun against the same database finds exactly its own rows.
const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

// The embedded provider's sign-in pages are English; once signed in, the user picks Catalan.
test.beforeEach(async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: "ai-locale", value: "ca", url: baseURL! }]);
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Orígens de dades", exact: true })).toBeVisible();
});

/** The English message of an API error answer, to check that the page does not show it. */
const englishMessageOf = async (response: Promise<Response>) => {
  const answer = await response;
  expect(answer.ok()).toBe(false);
  const { error } = (await answer.json()) as { error: { code: string; message: string } };
  expect(error.message).toMatch(/[a-z]/);
  return error;
};

const expectNotShown = async (page: Page, english: string) => {
  await expect(page.locator("body")).not.toContainText(english);
};

test("the trigger wizard and the trigger's page explain a refused URL and failed deliveries in Catalan", async ({ page, receiver }) => {
  const displayName = unique("Errors en català");
  await page.getByRole("link", { name: "Destinacions d'exportació", exact: true }).click();
  await page.getByRole("button", { name: "Configura Webhook" }).click();
  await page.getByRole("radio", { name: /Error en actualitzar l'origen de dades/ }).check();
  await page.getByRole("button", { name: "Següent" }).click();
  await page.getByRole("textbox", { name: "Nom de visualització" }).fill(displayName);
  await page.getByRole("button", { name: "Següent" }).click();
  await page.getByRole("textbox", { name: "URL del punt de connexió HTTPS" }).fill("https://10.0.0.1/hook");
  await page.getByRole("button", { name: "Següent" }).click();

  // 1. The server refuses the URL (callback_url_refused, reason private_address) on the test event…
  const refusedTest = englishMessageOf(page.waitForResponse((r) => r.url().endsWith(`${api}/trigger-registrations/test-fire`)));
  await page.getByRole("button", { name: "Envia un esdeveniment de prova" }).click();
  const refusal = await refusedTest;
  expect(refusal.code).toBe("callback_url_refused");
  const refusedSentence =
    "10.0.0.1 és una adreça privada o reservada, i l'aplicació no s'hi pot connectar. Feu servir una adreça pública.";
  await expect(page.getByText("No s'ha pogut enviar l'esdeveniment de prova")).toBeVisible();
  await expect(page.getByText(refusedSentence)).toBeVisible();
  await expectNotShown(page, refusal.message);

  // …and on save.
  const refusedSave = englishMessageOf(page.waitForResponse((r) => r.url().endsWith(`${api}/trigger-registrations`) && r.request().method() === "POST"));
  await page.getByRole("button", { name: "Desa" }).click();
  await expectNotShown(page, (await refusedSave).message);
  await expect(page.getByText("No s'ha pogut desar la destinació d'exportació")).toBeVisible();
  await expect(page.getByText(refusedSentence)).toHaveCount(2);

  // The URL field says it too, in Catalan.
  await page.getByRole("button", { name: "Canvia l'URL del punt de connexió" }).first().click();
  await expect(page.getByText(refusedSentence)).toBeVisible();

  // 2. A reachable endpoint that fails: the attempt's error, stored as a code, in Catalan.
  receiver.respondWith(500);
  await page.getByRole("textbox", { name: "URL del punt de connexió HTTPS" }).fill(receiver.url);
  await page.getByRole("button", { name: "Següent" }).click();
  await page.getByRole("button", { name: "Envia un esdeveniment de prova" }).click();
  await expect(page.getByText("No s'ha lliurat l'esdeveniment de prova")).toBeVisible();
  await expect(page.getByText("Error: El punt de connexió ha respost HTTP 500.")).toBeVisible();
  await expectNotShown(page, "The endpoint answered HTTP 500.");

  await page.getByRole("button", { name: "Desa" }).click();
  await expect(page.getByRole("heading", { name: displayName })).toBeVisible();

  // 3. The trigger's page: a logged delivery's attempts and last error, in Catalan.
  await page.getByRole("button", { name: "Envia un esdeveniment de prova" }).click();
  await expect(page.getByText("S'ha enviat l'esdeveniment de prova.", { exact: false })).toBeVisible();
  const deliveries = page.getByRole("table", { name: "Lliuraments" });
  await expect(deliveries.getByRole("row")).toHaveCount(2);
  await deliveries.getByRole("button", { name: /Mostra els detalls del lliurament/ }).click();
  const attempts = page.getByRole("table", { name: "Intents" });
  await expect(attempts.getByRole("row").nth(1)).toContainText("El punt de connexió ha respost HTTP 500.");
  await expect(page.getByText("Darrer error: El punt de connexió ha respost HTTP 500.")).toBeVisible();
  await expectNotShown(page, "The endpoint answered HTTP 500.");
});

test("the data sources screen explains a malformed CSV and a name already taken in Catalan", async ({ page, connectorApi }) => {
  const name = unique("Clients de la botiga");
  await page.getByRole("link", { name: "Orígens de dades", exact: true }).click();

  // A data source whose file has a quoted field that is never closed (line 3).
  await page.getByRole("button", { name: "Afegeix un origen de dades" }).click();
  const dialog = page.getByRole("dialog", { name: "Afegeix un origen de dades" });
  await dialog.getByRole("textbox", { name: "Nom" }).fill(name);
  await dialog.getByLabel("Fitxer CSV").setInputFiles({
    name: "clients.csv",
    mimeType: "text/csv",
    buffer: Buffer.from('id,email\n1,anna@example.com\n2,"bernat@example.com\n'),
  });
  await dialog.getByRole("button", { name: "Afegeix", exact: true }).click();
  await expect(dialog).toBeHidden();

  // 4. The refresh fails; its run history says why, in Catalan, with the line filled in.
  await page.getByRole("button", { name: `Actualitza ${name}` }).click();
  await page.getByRole("button", { name: `Historial d'execucions de ${name}` }).click();
  const runs = page.getByRole("table", { name: "Execucions" });
  await expect(runs.getByRole("row").nth(1)).toContainText("Línia 3: un camp entre cometes no es tanca mai. Reviseu les cometes del fitxer.", {
    timeout: 30_000,
  });
  await expect(runs.getByRole("row").nth(1)).toContainText("Error");
  const { dataSources } = await connectorApi.get<{ dataSources: { id: string; name: string }[] }>(`${api}/data-sources`);
  const source = dataSources.find((ds) => ds.name === name)!;
  const { runs: history } = await connectorApi.get<{ runs: { error: { code: string; message: string } | null }[] }>(
    `${api}/data-sources/${source.id}/runs`,
  );
  expect(history[0]!.error).toMatchObject({ code: "csv_malformed", message: "Line 3: a quoted field is never closed. Check the quotes in the file." });
  await expectNotShown(page, history[0]!.error!.message);
  await page.getByRole("button", { name: "Tanca" }).click();

  // 5. A second data source with the same name: 409 conflict, reason name_taken.
  await page.getByRole("button", { name: "Afegeix un origen de dades" }).click();
  await dialog.getByRole("textbox", { name: "Nom" }).fill(name);
  await dialog.getByLabel("Fitxer CSV").setInputFiles({ name: "clients.csv", mimeType: "text/csv", buffer: Buffer.from("id\n1\n") });
  const conflict = englishMessageOf(page.waitForResponse((r) => r.url().endsWith(`${api}/data-sources`) && r.request().method() === "POST"));
  await dialog.getByRole("button", { name: "Afegeix", exact: true }).click();
  const answer = await conflict;
  expect(answer.code).toBe("conflict");
  await expect(dialog.getByText("No s'ha pogut afegir l'origen de dades")).toBeVisible();
  await expect(dialog.getByText(`Ja hi ha un origen de dades anomenat «${name}» en aquesta instància. Trieu un altre nom.`)).toBeVisible();
  await expectNotShown(page, answer.message);
});
