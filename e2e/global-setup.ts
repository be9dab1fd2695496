import { request } from "@playwright/test";
import { idpOrigin } from "./fixtures/identity";

// The web server is up when Playwright calls this; the identity provider (a separate process of
// `npm start`) may still be starting. Every test signs in, so wait for its discovery document.
export default async function waitForIdentityProvider() {
  const context = await request.newContext({ ignoreHTTPSErrors: true });
  const deadline = Date.now() + 120_000;
  let last = "";
  try {
    while (Date.now() < deadline) {
      try {
        const response = await context.get(`${idpOrigin}/.well-known/openid-configuration`, { timeout: 5000 });
        if (response.ok()) return;
        last = `HTTP ${response.status()}`;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await context.dispose();
  }
  throw new Error(`The identity provider at ${idpOrigin} did not answer within 120 s (${last}).`);
}
