import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// Its own port, so a running `npm start` (3443) does not answer the tests' sign-ins.
const idpPort = Number(process.env.E2E_IDP_PORT ?? 3543);
// The stand-in for Power Automate (e2e/fixtures/power-automate-stand-in.ts): the wizard's hand-off leads
// to it, and the provider returns the connector's sign-in to it, so its port is known to both.
const standInPort = Number(process.env.E2E_PA_PORT ?? port + 2);

// Specs that change nothing a journey reads: refusals of malformed input, headers, the API
// reference. Anything that writes (even a row it deletes again) belongs with the journeys.
const readOnly = ["**/api-malformed-input.spec.ts", "**/security-headers.spec.ts", "**/api-reference.spec.ts"];

// The app runs from a production build on a throwaway SQLite database with the demo data,
// exactly as `npm start` runs it (web app, worker, identity provider); delivery may reach the
// tests' local receivers. Every test signs in through the real MSAL redirect flow.
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  // Two lanes over one server: the journeys share the demo instance and run one file at a time;
  // the specs that only read or are refused (see `readOnly`) run beside them on the second core.
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    // The embedded identity provider's certificate comes from a CA generated on first start.
    ignoreHTTPSErrors: true,
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "journeys", testIgnore: readOnly, workers: 1 },
    { name: "read-only", testMatch: readOnly, workers: 1 },
  ],
  webServer: {
    command: "node --import tsx scripts/e2e-server.ts",
    url: `${baseURL}/api/v1/instances`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATA_DIR: ".cache/e2e/data",
      DELIVERY_ALLOWED_HOSTS: "127.0.0.1,localhost",
      IDP_PORT: String(idpPort),
      // Known to the tests, which act as the Power Automate connector to set up data (e2e/fixtures/identity.ts).
      IDP_CONNECTOR_CLIENT_SECRET: "e2e-connector-secret-not-for-production",
      IDP_CONNECTOR_REDIRECT_URIS: `http://127.0.0.1:${standInPort}/callback`,
      POWER_AUTOMATE_URL: `http://127.0.0.1:${standInPort}/flows/new?instance={instanceId}&trigger={operationId}`,
      // A failed attempt is retried after a few seconds in the SPEC schedule; e2e waits for it.
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
