import { getAppUrl } from "../auth/auth-config";
import type { EventEnvelope } from "../events/event-envelope";
import { buildTeamsMessage } from "../teams/build-teams-message";
import { attemptFailure } from "./attempt-error";
import { type AttemptResult, failedAttempt, sendWebhook, type WebhookMessage } from "./send-webhook";

/**
 * The bytes a destination of this type is sent for an event (`payload`, as stored in the outbox): a
 * Teams Workflows webhook takes a message carrying an Adaptive Card, built from the event at send
 * time; every other destination takes the event itself.
 */
export const bodyForDestination = (destinationType: string, payload: string, links: { registrationId?: string } = {}): string =>
  destinationType === "teams"
    ? JSON.stringify(buildTeamsMessage(JSON.parse(payload) as EventEnvelope, { appBaseUrl: getAppUrl(), registrationId: links.registrationId }))
    : payload;

/**
 * One signed POST of an event to a destination, in the body its type takes; the Standard Webhooks
 * signature is over the bytes sent. Never throws, like sendWebhook: an event that cannot become
 * a card (a stored payload this version cannot read) is a failed attempt that sent nothing.
 */
export const sendToDestination = async (
  message: WebhookMessage & { destinationType: string; registrationId?: string },
): Promise<AttemptResult> => {
  const { destinationType, registrationId, ...webhook } = message;
  let body: string;
  try {
    body = bodyForDestination(destinationType, webhook.payload, { registrationId });
  } catch (error) {
    return failedAttempt(
      attemptFailure("card_unbuildable", `The event could not be made into a Teams card, so nothing was sent (${(error as Error).message}).`),
    );
  }
  return sendWebhook({ ...webhook, payload: body });
};
