// Zod compiles object parsers with `new Function` after probing whether eval is allowed. Under the
// app's Content-Security-Policy (no 'unsafe-eval') the probe is refused and reported as a violation;
// jitless mode skips it (the schemas the browser parses are small forms, so speed is moot).
//
// Set without importing zod, so pages that never validate anything do not download it: zod keeps
// its global configuration in `globalThis.__zod_globalConfig` (shared by every copy of zod on the
// page) and adopts an object that is already there. zod-jitless.test.ts checks that it still does.

type WithZodConfig = typeof globalThis & { __zod_globalConfig?: { jitless?: boolean } };

export const enableZodJitless = () => {
  const global = globalThis as WithZodConfig;
  global.__zod_globalConfig ??= {};
  global.__zod_globalConfig.jitless = true;
};
