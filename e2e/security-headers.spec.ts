import type { Page } from "@playwright/test";
import { idpOrigin } from "./fixtures/identity";
import { directives, expectSecurityHeaders } from "./fixtures/security-headers";
import { DEMO_INSTANCE_ID, expect, test } from "./fixtures/test";

// Security headers on every response, pages and API alike, against the production build; and
// the Content-Security-Policy they carry lets the signed-in app render and hydrate without a
// single violation (Next's inline scripts carry the per-request nonce, Griffel's styles pass).

test.describe("security headers", () => {
  test("are on pages, API answers (successful or refused) and static files", async ({ request }) => {
    const nonces = new Set<string>();
    for (const path of ["/", `/instances/${DEMO_INSTANCE_ID}/data-sources`, "/api/v1/instances", "/api/v1/audit-log", "/api/v1/no-such-route"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      nonces.add(expectSecurityHeaders(response, `GET ${path} (${response.status()})`));
    }
    // A nonce is good for one response only.
    expect(nonces.size).toBe(5);

    const page = await request.get("/");
    const html = await page.text();
    const nonce = /'nonce-([^']+)'/.exec(page.headers()["content-security-policy"]!)![1]!;
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, "every script the page renders carries its nonce").toContain(`nonce="${nonce}"`);

    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)![1]!;
    const asset = await request.get(script);
    expect(asset.status()).toBe(200);
    expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
    expect(asset.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });

  test("are on the 400 for an address with an undecodable escape, page or API (Next alone answers a bare 500)", async ({ request }) => {
    for (const [path, type] of [
      [`/instances/${DEMO_INSTANCE_ID}%ZZ/data-sources`, "text/plain"],
      ["/api%E0%A4/v1/instances", "text/plain"],
      [`/api/v1/instances/${DEMO_INSTANCE_ID}/data-sources/%ED%A0%80`, "application/json"],
    ] as const) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(400);
      expect(response.headers()["content-type"], path).toContain(type);
      expectSecurityHeaders(response, path);
    }
  });

  test("are on the 405 for TRACE, page or API (Next alone answers a bare 500)", async ({ request }) => {
    for (const [path, type, allow] of [
      [`/instances/${DEMO_INSTANCE_ID}/data-sources`, "text/plain", "GET, HEAD"],
      [`/api/v1/instances/${DEMO_INSTANCE_ID}/data-sources`, "application/json", "GET, HEAD, POST"],
    ] as const) {
      const response = await request.fetch(path, { method: "TRACE", maxRedirects: 0 });
      expect(response.status(), path).toBe(405);
      expect(response.headers()["allow"], path).toBe(allow);
      expect(response.headers()["content-type"], path).toContain(type);
      expectSecurityHeaders(response, path);
    }
  });

  test("add HSTS when a proxy in front says the request came over https", async ({ request }) => {
    for (const path of ["/", "/api/v1/instances"]) {
      const response = await request.get(path, { headers: { "x-forwarded-proto": "https" }, maxRedirects: 0 });
      expect(response.headers()["strict-transport-security"], path).toBe("max-age=31536000");
    }
  });

  test("let the app alone frame MSAL's redirect bridge (silent token renewal)", async ({ request }) => {
    const response = await request.get("/redirect.html");
    expect(response.status()).toBe(200);
    expect(directives(response.headers()["content-security-policy"]!)["frame-ancestors"]).toEqual(["'self'"]);
    expect(response.headers()["x-frame-options"]).toBe("SAMEORIGIN");
  });
});

/** Records every CSP violation the page reports, from before its first script runs. */
const watchViolations = async (page: Page) => {
  const violations: string[] = [];
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
};

test.describe("under the Content-Security-Policy", () => {
  test("the sign-in screen, the provider round trip and the signed-in screens run without a violation", async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto("/");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.origin === idpOrigin);
    await page.getByLabel("Email").fill("admin@contoso.example");
    await page.getByLabel("Password").fill("demo-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();

    for (const [link, heading] of [
      ["Data sources", "Data sources"],
      ["Export destinations", "Export destinations"],
      ["Audit log", "Audit log"],
    ] as const) {
      // Client-side navigation works only once React has hydrated the page.
      await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: link }).click();
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    }
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Filter the audit log" })).toBeVisible();
    expect(violations).toEqual([]);
  });
});
