/** How long a run ran, in ms: null until it has both started and finished. Zod-free: events, DTOs and screens share it. */
export const runDurationMs = (run: { startedAt: Date | null; finishedAt: Date | null }) =>
  run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null;
