/**
 * A handler that starts loading an on-demand chunk when the user shows intent (hover, focus).
 * A failure is ignored here: the lazy component asks again when it renders, and shows that error.
 */
export const preloadOn = (load: () => Promise<unknown>) => () => void load().catch(() => undefined);
