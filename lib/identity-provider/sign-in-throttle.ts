// Slows password guessing: after `limit` failures for one email within the window, that
// email is refused until the window passes. In memory: the provider is one process.
export const createSignInThrottle = ({ limit = 5, windowMs = 15 * 60_000, now = Date.now } = {}) => {
  const failures = new Map<string, number[]>();
  const recent = (key: string) => (failures.get(key) ?? []).filter((at) => now() - at < windowMs);
  return {
    isBlocked: (email: string) => recent(email.toLowerCase()).length >= limit,
    recordFailure: (email: string) => {
      const key = email.toLowerCase();
      failures.set(key, [...recent(key), now()]);
      // Keep the map from growing without bound under a spray of made-up emails.
      if (failures.size > 10_000) failures.delete(failures.keys().next().value!);
    },
    reset: (email: string) => failures.delete(email.toLowerCase()),
  };
};
export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
