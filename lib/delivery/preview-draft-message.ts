import type { InstanceScope } from "../triggers/instance-scope";
import { assertSubjectInScope } from "../triggers/subject-lookup";
import { subjectColumnsOf } from "../triggers/types/subjects";
import { subjectKindOf } from "../triggers/types/vocabulary";
import { bodyForDestination } from "./destination-body";
import { buildSampleEvent, serialiseEvent } from "../events/sample-event";
import type { TDraftMessagePreview, TDraftMessagePreviewResult } from "./schemas";
import { sampleContext } from "./test-fire-registration";

/**
 * The body the wizard's test event would be sent as, built by the same code (the type's sample
 * builder, the destination's body), without sending or writing anything: the Teams card preview.
 */
export const previewDraftMessage = async (scope: InstanceScope, draft: TDraftMessagePreview): Promise<TDraftMessagePreviewResult> => {
  const kind = subjectKindOf(draft.type);
  const columns = subjectColumnsOf(kind, draft.parameters);
  await assertSubjectInScope(kind, scope, columns);
  const event = buildSampleEvent({ type: draft.type, context: await sampleContext(scope, draft.type, columns, draft.parameters) });
  return { body: JSON.parse(bodyForDestination(draft.destinationType, serialiseEvent(event))) as Record<string, unknown> };
};
