"use client";

import { Button } from "@fluentui/react-components";
import { EditRegular } from "@fluentui/react-icons/svg/edit";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { AppLink } from "@/components/common/app-link";
import { changeText } from "@/components/common/change-text";
import { ComputationHistory } from "@/components/common/computation-history";
import { DeleteWithConfirmation } from "@/components/common/delete-with-confirmation";
import { ErrorBar } from "@/components/common/error-bar";
import { useInsightsStyles } from "@/components/common/insights.styles";
import { PageHeader } from "@/components/common/page-header";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { apiDelete } from "@/lib/ui/api-client";
import { useSegment, useUnificationConfig } from "@/lib/ui/api-hooks";
import { apiPaths, appPaths } from "@/lib/ui/api-paths";
import { useCan } from "@/lib/ui/auth/current-user";
import { ruleSummary } from "./rule-summary";
import { SegmentMembers } from "./segment-members";

/** A segment: its size, its rule in words, its computations and its members now. */
export const SegmentDetailClient = ({ instanceId, segmentId }: { instanceId: string; segmentId: string }) => {
  const styles = useInsightsStyles();
  const t = useT();
  const format = useFormat();
  const router = useRouter();
  const canEdit = useCan("editSegments");
  const { data, error, mutate } = useSegment(instanceId, segmentId);
  // The attributes' types only refine the words ("is after" for dates); the summary reads without them.
  const config = useUnificationConfig(instanceId);
  const types = useMemo(() => new Map((config.data?.attributes ?? []).map((attribute) => [attribute.name, attribute.type])), [config.data]);
  const segment = data?.segment;
  const history = (segment?.computations ?? []).map((computation, index, all) => {
    const previous = all[index + 1]?.size ?? null;
    return {
      id: computation.id,
      computedAt: computation.computedAt,
      refreshJobId: computation.refreshJobId,
      value: format.number(computation.size),
      change: changeText(computation.size, previous, format.change),
    };
  });
  const actions =
    segment && canEdit ? (
      <>
        <Button icon={<EditRegular />} onClick={() => router.push(appPaths.editSegment(instanceId, segment.id))}>
          {t("segments.edit")}
        </Button>
        <DeleteWithConfirmation
          texts={{
            title: t("segments.deleteTitle"),
            body: t("segments.deleteBody", { name: segment.name }),
            failed: t("segments.deleteFailed"),
            deleting: t("segments.deleting"),
          }}
          onDelete={() => apiDelete(apiPaths.segment(instanceId, segment.id)).then(() => undefined)}
          onDeleted={() => router.push(appPaths.segments(instanceId))}
        />
      </>
    ) : undefined;

  return (
    <>
      <PageHeader
        title={segment?.name ?? t("segments.segment")}
        subtitle={<AppLink href={appPaths.segments(instanceId)}>{t("segments.backToList")}</AppLink>}
        actions={actions}
      />
      {error && !segment ? <ErrorBar error={error} onRetry={() => void mutate()} /> : null}
      {!segment && !error ? <TableSkeleton /> : null}
      {segment ? (
        <div className={styles.stack}>
          <section className={styles.panel} aria-labelledby="segment-summary">
            <h2 id="segment-summary" className={styles.sectionTitle}>
              {t("segments.summary")}
            </h2>
            <dl className={styles.facts}>
              <dt className={styles.term}>{t("segments.colSize")}</dt>
              <dd className={styles.value}>
                <span className={styles.bigNumber}>{segment.size === null ? "—" : format.number(segment.size)}</span>
              </dd>
              <dt className={styles.term}>{t("insights.change")}</dt>
              <dd className={styles.value}>{changeText(segment.size, segment.previousSize, format.change)}</dd>
              <dt className={styles.term}>{t("insights.lastComputed")}</dt>
              <dd className={styles.value}>{format.dateTime(segment.computedAt)}</dd>
              <dt className={styles.term}>{t("segments.rule.title")}</dt>
              <dd className={styles.value}>{segment.rule ? ruleSummary(segment.rule, types, t, format) : t("segments.rule.unreadable")}</dd>
              {segment.description ? (
                <>
                  <dt className={styles.term}>{t("segments.description")}</dt>
                  <dd className={styles.value}>{segment.description}</dd>
                </>
              ) : null}
            </dl>
          </section>
          <section className={styles.panel} aria-labelledby="segment-history">
            <h2 id="segment-history" className={styles.sectionTitle}>
              {t("insights.history.title")}
            </h2>
            <ComputationHistory rows={history} label={t("insights.history.title")} valueHeader={t("segments.colSize")} />
          </section>
          <SegmentMembers instanceId={instanceId} segmentId={segment.id} />
        </div>
      ) : null}
    </>
  );
};
