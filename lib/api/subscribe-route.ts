import type { AuditContext } from "../audit/audit-context";
import type { Principal } from "../auth/roles";
import { publicUrl } from "./public-url";
import { subscribe, type SubscribeInput } from "../triggers/subscribe";
import type { TTriggerOperationId } from "../triggers/types/connector-operations";
import { triggerTypeOfOperation, type TSubscription } from "../triggers/subscriptions";

/**
 * What the six subscribe routes share: subscribe as the caller (a client-credentials token's
 * subject is the client), and point the answer's Location at the subscription's DELETE address
 * on the public origin (Power Automate calls it from outside).
 */
export const handleSubscribe = async (
  operation: { operationId: string; summary: string; connector?: { summary?: string } },
  ctx: { body: SubscribeInput; instance: { id: string; tenantId: string }; principal: Principal; audit: AuditContext; headers: Headers },
): Promise<TSubscription> => {
  const { instance, principal } = ctx;
  const defaultName = `${operation.connector?.summary ?? operation.summary} (Power Automate)`;
  const subscription = await subscribe(
    { tenantId: instance.tenantId, instanceId: instance.id, ownerId: principal.userId },
    triggerTypeOfOperation[operation.operationId as TTriggerOperationId],
    ctx.body,
    defaultName,
    ctx.audit,
  );
  ctx.headers.set("location", publicUrl(`/api/v1/instances/${encodeURIComponent(instance.id)}/subscriptions/${encodeURIComponent(subscription.id)}`));
  return subscription;
};
