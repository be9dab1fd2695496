/**
 * The Standard Webhooks known-answer vector: a secret, message id, timestamp and payload, and
 * the `webhook-signature` they must give. Published with the specification's reference library
 * (its JavaScript test "sign function works"; the other libraries' tests use the same values):
 * https://github.com/standard-webhooks/standard-webhooks/blob/10d3e46d720c4e5861a792bec25792a04ad4e2b3/libraries/javascript/src/webhook.test.ts
 */
export const standardWebhooksVector = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  messageId: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  /** Unix seconds. */
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
} as const;
