import { generateSigningSecret } from "../crypto/signing-secret";
import type { InstanceScope } from "../triggers/instance-scope";
import { assertSubjectInScope } from "../triggers/subject-lookup";
import { subjectColumnsOf } from "../triggers/types/subjects";
import { subjectKindOf } from "../triggers/types/vocabulary";
import { sendDraftTestEvent } from "./test-fire-registration";
import type { TDraftTestFire, TDraftTestFireResult } from "./schemas";

/**
 * The wizard's test-fire before saving. The secret comes back so the wizard can hand it to
 * create: the endpoint the user just verified against keeps verifying after the save.
 */
export const testFireDraft = async (
  scope: InstanceScope & { instanceName: string },
  draft: TDraftTestFire,
): Promise<TDraftTestFireResult> => {
  // Same answer as create would give for a subject of another instance (422, not a send).
  const kind = subjectKindOf(draft.type);
  await assertSubjectInScope(kind, scope, subjectColumnsOf(kind, draft.parameters));
  const signingSecret = draft.signingSecret ?? generateSigningSecret();
  const attempt = await sendDraftTestEvent({
    tenantId: scope.tenantId,
    instanceId: scope.instanceId,
    instanceName: scope.instanceName,
    type: draft.type,
    parameters: draft.parameters,
    callbackUrl: draft.callbackUrl,
    signingSecret,
  });
  return { attempt, signingSecret };
};
