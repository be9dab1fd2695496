import { readdirSync } from "node:fs";
import path from "node:path";

// Every screen of the app, found from app/**/page.tsx, so a screen added later is measured (and
// guarded) without anyone remembering to list it. The sign-in screen has no route of its own: it
// is what any route shows signed out, measured at "/".

/** The first-load budget of every screen (issue 6): JavaScript as transferred, gzip, cold cache. */
export const JS_BUDGET_BYTES = 250_000;
/** Largest Contentful Paint budget, headless Chromium against the production build. */
export const LCP_BUDGET_MS = 800;

export type Screen = {
  /** The route as written under app/, e.g. /instances/[instanceId]/data-sources. */
  route: string;
  /** The URL path with demo ids in place of dynamic segments. */
  path: string;
  /** Measured signed out (the sign-in screen) or signed in (every route). */
  signedIn: boolean;
};

/**
 * The profile a profile screen shows: the demo instance's first, or, before any unification run,
 * an id no profile has (the screen then shows its not-found message, which is measured instead).
 */
export const NO_PROFILE_ID = "no-profile-yet";

/**
 * The segment and measure the segment and measure screens show ([segmentId], [measureId]): created
 * through the API before the walk, named so that runs side by side do not clash (names are unique).
 */
export const demoSegmentInput = (suffix: string) => ({
  name: `Page walk ${suffix}`,
  rule: { combinator: "and", conditions: [{ attribute: "country", operator: "isEmpty" }] },
});
export const demoMeasureInput = (suffix: string, segmentId: string) => ({ name: `Page walk ${suffix}`, aggregation: "count", attribute: null, segmentId });

/** Demo ids for the dynamic segments of the app's routes. */
export type ScreenParams = Record<string, string>;

const repoRoot = path.resolve(import.meta.dirname, "../..");
const appDir = path.join(repoRoot, "app");

/** The app's page routes, e.g. "/", "/instances/[instanceId]" (route groups and private folders dropped). */
export const findPageRoutes = (): string[] =>
  (readdirSync(appDir, { recursive: true }) as string[])
    .filter((entry) => /(^|[/\\])page\.(tsx|ts|jsx|js|mdx)$/.test(entry))
    .map((entry) => path.dirname(entry).split(path.sep).filter((s) => s && s !== "."))
    .filter((segments) => !segments.some((s) => s.startsWith("_") || s.startsWith("@")))
    .map((segments) => `/${segments.filter((s) => !/^\(.*\)$/.test(s)).join("/")}`)
    .sort();

export const fillRoute = (route: string, params: ScreenParams) =>
  route.replace(/\[\[?(?:\.\.\.)?([^\]]+)\]?\]/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No demo value for the segment [${name}] of ${route}: add one to the screen params.`);
    return encodeURIComponent(value);
  });

/** The sign-in screen (signed out, at "/"), then every page route signed in. */
export const findScreens = (params: ScreenParams): Screen[] => [
  { route: "sign-in screen", path: "/", signedIn: false },
  ...findPageRoutes().map((route) => ({ route, path: fillRoute(route, params), signedIn: true })),
];
