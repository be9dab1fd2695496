/** Polls `check` until it answers true (a throw counts as false); gives up after `deadlineMs`. */
export const waitFor = async (what: string, check: () => Promise<boolean>, deadlineMs: number, intervalMs = 200) => {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Timed out waiting for ${what}`);
};
