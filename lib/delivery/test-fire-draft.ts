import type { Role } from "../auth/roles";
import { decryptSecret } from "../crypto/secret-box";
import { generateSigningSecret } from "../crypto/signing-secret";
import { getDb } from "../db/client";
import { visibleTo } from "../destinations/destination-scope";
import { destinationNotAvailable } from "../destinations/usable-destination";
import type { InstanceScope } from "../triggers/instance-scope";
import { assertSubjectInScope } from "../triggers/subject-lookup";
import { subjectColumnsOf } from "../triggers/types/subjects";
import { subjectKindOf } from "../triggers/types/vocabulary";
import { sendDraftTestEvent } from "./test-fire-registration";
import type { TDraftTestFire, TDraftTestFireResult } from "./schemas";

/** The endpoint and secret a draft is tested against: a destination's (its secret stays its own), or the draft's. */
const draftEndpoint = async (scope: InstanceScope & { role?: Role }, draft: TDraftTestFire) => {
  if (draft.destinationId !== undefined) {
    const row = await getDb().destination.findFirst({
      where: { id: draft.destinationId, tenantId: scope.tenantId, instanceId: scope.instanceId, ...visibleTo({ role: scope.role ?? "Viewer" }) },
      select: { endpoint: true, secretCiphertext: true, type: true },
    });
    if (!row) throw destinationNotAvailable();
    return { callbackUrl: row.endpoint, signingSecret: decryptSecret(row.secretCiphertext), destinationType: row.type, own: false };
  }
  return {
    callbackUrl: draft.callbackUrl ?? "",
    signingSecret: draft.signingSecret ?? generateSigningSecret(),
    destinationType: draft.destinationType ?? "webhook",
    own: true,
  };
};

/**
 * The wizard's test-fire before saving. A secret of the draft's own comes back so the wizard can
 * hand it to create: the endpoint the user just verified against keeps verifying after the save.
 */
export const testFireDraft = async (
  scope: InstanceScope & { instanceName: string; role?: Role },
  draft: TDraftTestFire,
): Promise<TDraftTestFireResult> => {
  // Same answer as create would give for a subject of another instance (422, not a send).
  const kind = subjectKindOf(draft.type);
  await assertSubjectInScope(kind, scope, subjectColumnsOf(kind, draft.parameters));
  const endpoint = await draftEndpoint(scope, draft);
  const attempt = await sendDraftTestEvent({
    tenantId: scope.tenantId,
    instanceId: scope.instanceId,
    instanceName: scope.instanceName,
    type: draft.type,
    parameters: draft.parameters,
    callbackUrl: endpoint.callbackUrl,
    destinationType: endpoint.destinationType,
    signingSecret: endpoint.signingSecret,
  });
  return { attempt, ...(endpoint.own ? { signingSecret: endpoint.signingSecret } : {}) };
};
