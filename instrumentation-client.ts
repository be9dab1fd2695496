import { config } from "zod";

// Runs before any of the app's client code. Zod compiles object parsers with `new Function`
// after probing whether eval is allowed; under the app's Content-Security-Policy (no
// 'unsafe-eval') that probe is refused and reported as a violation on every page. Jitless
// mode skips the probe; the schemas the browser parses are small forms, so speed is moot.
config({ jitless: true });
