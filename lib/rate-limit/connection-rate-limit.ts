/** How many calls a key may make per fixed window. */
export type RateLimitPolicy = { limit: number; windowSeconds: number };

/**
 * The real Customer Insights connector's one throttling rule, "API calls per connection | 100 |
 * 60 seconds" (its renewal period): the same for ours.
 */
export const CONNECTION_RATE_LIMIT: RateLimitPolicy = { limit: 100, windowSeconds: 60 };
