/**
 * Polls `check` until it answers true (a throw counts as false); gives up after `deadlineMs`.
 * `fatal` runs before each check and may throw to stop waiting at once (a process that died).
 */
export const waitFor = async (
  what: string,
  check: () => Promise<boolean>,
  deadlineMs: number,
  options: { intervalMs?: number; fatal?: () => void } = {},
) => {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    options.fatal?.();
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
  }
  throw new Error(`Timed out waiting for ${what}`);
};
