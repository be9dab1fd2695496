import type { AuditContext } from "../audit/audit-context";
import { decryptSecret } from "../crypto/secret-box";
import { getDb } from "../db/client";
import { createRegistration } from "./create-registration";
import type { InstanceScope } from "./instance-scope";
import { sendingColumns, sendingEndpointOf } from "./registration-endpoint";
import type { TCreateTriggerRegistration } from "./schemas";
import type { TSubscription } from "./subscriptions";
import { subjectKindOf, type TTriggerType } from "./types/vocabulary";
import { updateRegistration } from "./update-registration";

export type SubscribeInput = { callbackUrl: string; displayName?: string; dataSourceId?: string | null } & Record<string, unknown>;

/**
 * Power Automate's subscribe. It subscribes again on every save of the flow, with the same
 * callback URL: a subscription of the same owner, type and callback URL that still receives
 * (not gone) is updated in place (its parameters and name), keeping its id and secret, so a
 * save does not leave the old one behind. Anything else creates a registration through the
 * same path as the wizard (validation, SSRF check of the URL, audit entry, threshold baseline).
 */
export const subscribe = async (
  scope: InstanceScope & { ownerId: string },
  type: TTriggerType,
  { callbackUrl, displayName, ...rest }: SubscribeInput,
  defaultName: string,
  audit: AuditContext,
): Promise<TSubscription> => {
  // Left out means any data source, as null does (Power Automate omits an empty dropdown).
  const parameters = subjectKindOf(type) === "dataSource" ? { ...rest, dataSourceId: rest.dataSourceId ?? null } : rest;
  const existing = await getDb().triggerRegistration.findFirst({
    where: {
      tenantId: scope.tenantId,
      instanceId: scope.instanceId,
      type,
      callbackUrl,
      origin: "powerAutomate",
      ownerId: scope.ownerId,
      status: { not: "gone" },
    },
    orderBy: { createdAt: "desc" },
    select: { id: true, ...sendingColumns },
  });
  if (existing) {
    const registration = await updateRegistration(scope, existing.id, { parameters, ...(displayName ? { displayName } : {}) }, audit);
    return { id: existing.id, signingSecret: decryptSecret(sendingEndpointOf(existing).secretCiphertext), registration };
  }
  const input = { type, displayName: displayName ?? defaultName, destinationType: "powerAutomate", parameters, callbackUrl } as TCreateTriggerRegistration;
  const created = await createRegistration(scope, input, audit, { origin: "powerAutomate" });
  // A subscription keeps its own endpoint and secret (create-registration.ts): the secret is always answered.
  return { id: created.registration.id, signingSecret: created.signingSecret!, registration: created.registration };
};
