"use client";

import { Subtitle2 } from "@fluentui/react-components";
import useSWR from "swr";
import { ErrorBar } from "@/components/common/error-bar";
import { AdaptiveCardPreview } from "@/components/teams/adaptive-card-preview";
import type { TDraftMessagePreviewResult } from "@/lib/delivery/schemas";
import { useT } from "@/lib/i18n/i18n-provider";
import { type ApiError, apiPost } from "@/lib/ui/api-client";
import { apiPaths } from "@/lib/ui/api-paths";
import { draftParameters, type WizardDraft } from "./wizard-state";

type TeamsMessageBody = { attachments?: Array<{ content?: unknown }> };

/**
 * The card a Teams destination would post for this draft, as the server builds it for a test event
 * (PreviewTriggerDraftMessage: the same sample and the same card code), drawn by the Adaptive Cards renderer.
 */
export const TeamsCardPreview = ({ instanceId, draft }: { instanceId: string; draft: WizardDraft }) => {
  const t = useT();
  const request = { type: draft.type, parameters: draftParameters(draft), destinationType: "teams" as const };
  const preview = useSWR<TDraftMessagePreviewResult, ApiError>([apiPaths.registrationPreview(instanceId), JSON.stringify(request)], () =>
    apiPost<TDraftMessagePreviewResult>(apiPaths.registrationPreview(instanceId), request),
  );
  const card = (preview.data?.body as TeamsMessageBody | undefined)?.attachments?.[0]?.content;
  return (
    <>
      <Subtitle2 as="h3">{t("wizard.review.cardPreview")}</Subtitle2>
      {preview.error ? <ErrorBar error={preview.error} onRetry={() => void preview.mutate()} /> : null}
      {card ? <AdaptiveCardPreview card={card} headingLevel={4} /> : null}
    </>
  );
};
