import type { BrowserContext, Page, Request } from "@playwright/test";

// One cold-cache first load of a screen, counted the way Chromium receives it: every response the
// browser classifies as a script (the page's chunks, chunks loaded on demand, chunks of routes the
// page prefetches) from navigation until the screen is ready and the network has been quiet for a
// while. Bytes come from the DevTools protocol (Network.loadingFinished.encodedDataLength: what
// crossed the wire, gzip as the server sent it), so they do not depend on timing.

export type ScriptLoad = {
  url: string;
  /** Bytes received for the response, headers included (DevTools' "transferred"). */
  transferredBytes: number;
  /** Bytes of the response body as sent (compressed). */
  bodyBytes: number;
  contentEncoding: string | null;
};

export type FirstLoad = {
  scripts: ScriptLoad[];
  transferredBytes: number;
  bodyBytes: number;
  /** Largest Contentful Paint in ms from navigation start; null when the browser reported none. */
  lcpMs: number | null;
};

/** How long the network must stay idle before the first load counts as over. */
const QUIET_MS = 1_000;

declare global {
  interface Window {
    __pageWeightLcp?: number;
  }
}

/** Records the latest largest-contentful-paint entry of every document in the context. Call once per context. */
export const observeLargestContentfulPaint = (context: BrowserContext) =>
  context.addInitScript(() => {
    new PerformanceObserver((list) => {
      const last = list.getEntries().at(-1);
      if (last) window.__pageWeightLcp = last.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });

const header = (headers: Record<string, string>, name: string) =>
  Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? null;

/** Resolves once no request has been in flight for QUIET_MS. */
const networkQuiet = (inFlight: ReadonlySet<Request>, lastActivity: () => number, timeoutMs: number) =>
  new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const check = () => {
      if (inFlight.size === 0 && Date.now() - lastActivity() >= QUIET_MS) return resolve();
      if (Date.now() > deadline) {
        return reject(new Error(`The network did not settle within ${timeoutMs} ms; still loading: ${[...inFlight].map((request) => request.url()).join(", ")}`));
      }
      setTimeout(check, 100);
    };
    check();
  });

/**
 * Loads `url` in `page` with an empty HTTP cache and the cache disabled (every script comes from the
 * server), waits for `ready` and then for a quiet network, and returns the script responses.
 */
export const measureFirstLoad = async (
  page: Page,
  url: string,
  ready: (page: Page) => Promise<void>,
  { timeoutMs = 60_000 }: { timeoutMs?: number } = {},
): Promise<FirstLoad> => {
  const cdp = await page.context().newCDPSession(page);
  let lastActivity = Date.now();
  const responses = new Map<string, { url: string; headerBytes: number; contentEncoding: string | null }>();
  const scripts: ScriptLoad[] = [];
  // What is in flight comes from Playwright's request events: a fetch the app aborts (an effect
  // that re-runs cancels its requests) does not always reach a second DevTools session as
  // loadingFailed, and the network would never look quiet. Bytes still come from DevTools.
  const inFlight = new Set<Request>();
  const onRequest = (request: Request) => {
    lastActivity = Date.now();
    // The router's prefetches of linked pages run in the background and may stay open; the first
    // load does not wait for them (a script they pull in is still counted if it arrives in time).
    if (request.headers()["next-router-prefetch"] !== undefined) return;
    inFlight.add(request);
  };
  const onRequestEnd = (request: Request) => {
    lastActivity = Date.now();
    inFlight.delete(request);
  };
  page.on("request", onRequest);
  page.on("requestfinished", onRequestEnd);
  page.on("requestfailed", onRequestEnd);
  cdp.on("Network.responseReceived", (event) => {
    if (event.type !== "Script") return;
    responses.set(event.requestId, {
      url: event.response.url,
      headerBytes: event.response.encodedDataLength,
      contentEncoding: header(event.response.headers, "content-encoding"),
    });
  });
  cdp.on("Network.loadingFinished", (event) => {
    lastActivity = Date.now();
    const response = responses.get(event.requestId);
    if (!response) return;
    scripts.push({
      url: response.url,
      transferredBytes: event.encodedDataLength,
      bodyBytes: event.encodedDataLength - response.headerBytes,
      contentEncoding: response.contentEncoding,
    });
  });
  try {
    await cdp.send("Network.enable");
    await cdp.send("Network.clearBrowserCache");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await page.goto(url, { waitUntil: "load", timeout: timeoutMs });
    await ready(page);
    await networkQuiet(inFlight, () => lastActivity, timeoutMs);
    const lcpMs = await page.evaluate(() => window.__pageWeightLcp ?? null);
    scripts.sort((a, b) => a.url.localeCompare(b.url));
    return {
      scripts,
      transferredBytes: scripts.reduce((sum, s) => sum + s.transferredBytes, 0),
      bodyBytes: scripts.reduce((sum, s) => sum + s.bodyBytes, 0),
      lcpMs,
    };
  } finally {
    page.off("request", onRequest);
    page.off("requestfinished", onRequestEnd);
    page.off("requestfailed", onRequestEnd);
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: false }).catch(() => undefined);
    await cdp.detach().catch(() => undefined);
  }
};
