import { expect, it } from "vitest";
import { enableZodJitless } from "./zod-jitless";

// One test, in order: this file's process has not loaded zod before the dynamic import below.
it("sets zod's jitless mode whether zod loads after it (the browser) or was loaded before", async () => {
  enableZodJitless();
  const { config } = await import("zod");
  expect(config().jitless).toBe(true);

  config({ jitless: false });
  enableZodJitless();
  expect(config().jitless).toBe(true);
});
