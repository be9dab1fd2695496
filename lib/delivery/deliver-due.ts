import { decryptSecret } from "../crypto/secret-box";
import { type Db, getDb } from "../db/client";
import { newId } from "../ids/new-id";
import { type CompletedAttempt, recordAttempts } from "./record-attempts";
import { claimDueRows } from "./sql/claim-due-sql";
import { attemptFailure } from "./attempt-error";
import { sendToDestination } from "./destination-body";
import { type AttemptResult, failedAttempt } from "./send-webhook";

/** Long enough for a 30 s timeout plus the batched write that follows it. */
export const DEFAULT_LEASE_MS = 60_000;

export type ClaimedDelivery = {
  id: string;
  tenantId: string;
  instanceId: string;
  registrationId: string;
  leaseToken: string;
  /** The number this attempt will carry. */
  attemptNumber: number;
  payload: string;
  eventCreatedAt: Date;
  callbackUrl: string;
  registrationOrigin: string;
  secretCiphertext: string;
  /** webhook | powerAutomate | teams (the destination's, else the registration's own). */
  destinationType: string;
};

/**
 * Claims up to `limit` due deliveries for this worker. The claim re-checks "still due" row
 * by row (SQLite serialises writers; PostgreSQL skips rows another worker has locked and
 * re-evaluates the WHERE under the row lock), so two workers never both win the same
 * delivery; each gets back only the rows that carry its own lease token.
 */
export const claimDueDeliveries = async (
  db: Db,
  options: { limit: number; now?: Date; leaseMs?: number; workerId?: string },
): Promise<ClaimedDelivery[]> => {
  const now = options.now ?? new Date();
  const leaseToken = newId(`lease_${options.workerId ?? "w"}`.replace(/[^A-Za-z0-9_]/g, "_"));
  const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS));
  const rows = await claimDueRows(db, { now, limit: options.limit, leaseToken, leaseUntil });
  return rows.map((row) => ({
    id: row.id,
    tenantId: row.tenantId,
    instanceId: row.instanceId,
    registrationId: row.registrationId,
    leaseToken,
    attemptNumber: Number(row.attemptCount) + 1,
    payload: row.payload,
    eventCreatedAt: new Date(row.eventCreatedAt),
    callbackUrl: row.callbackUrl,
    registrationOrigin: row.origin,
    secretCiphertext: row.secretCiphertext,
    destinationType: row.destinationType,
  }));
};

// Decrypting per delivery would dominate a fast loop; a worker sends to few registrations.
const secrets = new Map<string, string>();
const secretFor = (ciphertext: string) => {
  let secret = secrets.get(ciphertext);
  if (secret === undefined) {
    if (secrets.size > 10_000) secrets.clear();
    secret = decryptSecret(ciphertext);
    secrets.set(ciphertext, secret);
  }
  return secret;
};

/** Makes the attempt for one claimed delivery. Never throws. */
export const attemptDelivery = async (delivery: ClaimedDelivery, timeoutMs?: number): Promise<CompletedAttempt> => {
  let result: AttemptResult;
  let secret: string | undefined;
  try {
    secret = secretFor(delivery.secretCiphertext);
  } catch {
    // The key changed or the row is damaged: nothing can be signed, so nothing is sent.
    result = failedAttempt(
      attemptFailure("secret_unreadable", "The signing secret could not be decrypted (was APP_ENCRYPTION_KEY changed?)."),
    );
  }
  if (secret !== undefined) {
    result = await sendToDestination({
      url: delivery.callbackUrl,
      secret,
      messageId: delivery.id,
      payload: delivery.payload,
      destinationType: delivery.destinationType,
      registrationId: delivery.registrationId,
      timeoutMs,
    });
  }
  return completedAttempt(delivery, result!);
};

/** The outcome of one attempt at a claimed delivery, as recordAttempts logs it (under the claim's lease). */
export const completedAttempt = (delivery: ClaimedDelivery, result: AttemptResult): CompletedAttempt => ({
  deliveryId: delivery.id,
  tenantId: delivery.tenantId,
  instanceId: delivery.instanceId,
  registrationId: delivery.registrationId,
  registrationOrigin: delivery.registrationOrigin,
  leaseToken: delivery.leaseToken,
  number: delivery.attemptNumber,
  result,
});

/**
 * One pass without a loop: claims a batch, attempts every delivery in it at once, and
 * records the outcomes together. Returns how many deliveries were attempted. The worker
 * pipelines these steps; tests and scripts use this directly.
 */
export const deliverDue = async (
  options: { db?: Db; limit?: number; now?: Date; workerId?: string; random?: () => number } = {},
): Promise<number> => {
  const db = options.db ?? getDb();
  const claimed = await claimDueDeliveries(db, { limit: options.limit ?? 100, now: options.now, workerId: options.workerId });
  const attempts = await Promise.all(claimed.map((delivery) => attemptDelivery(delivery)));
  const { lost } = await recordAttempts(db, attempts, { random: options.random });
  logLostOutcomes(options.workerId ?? "deliverDue", lost);
  return attempts.length;
};

/**
 * The outcome of an attempt whose lease expired is dropped on purpose: another worker took
 * the delivery over and records its own (or it was released, or deleted with its
 * registration). Worth a line in the log: such a delivery is sent twice, same webhook-id.
 */
export const logLostOutcomes = (workerId: string, lost: CompletedAttempt[]) => {
  if (lost.length === 0) return;
  const ids = lost.slice(0, 10).map((attempt) => attempt.deliveryId).join(", ");
  console.warn(
    `[delivery ${workerId}] ${lost.length} outcome(s) not recorded: their lease expired before the outcome was written (${ids}${lost.length > 10 ? ", …" : ""}).`,
  );
};
