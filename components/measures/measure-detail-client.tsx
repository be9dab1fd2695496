"use client";

import { Button } from "@fluentui/react-components";
import { EditRegular } from "@fluentui/react-icons/svg/edit";
import { useRouter } from "next/navigation";
import { AppLink } from "@/components/common/app-link";
import { ComputationHistory } from "@/components/common/computation-history";
import { DeleteWithConfirmation } from "@/components/common/delete-with-confirmation";
import { ErrorBar } from "@/components/common/error-bar";
import { useInsightsStyles } from "@/components/common/insights.styles";
import { PageHeader } from "@/components/common/page-header";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { apiDelete } from "@/lib/ui/api-client";
import { useMeasure, useSegment } from "@/lib/ui/api-hooks";
import { apiPaths, appPaths } from "@/lib/ui/api-paths";
import { useCan } from "@/lib/ui/auth/current-user";
import { aggregationWords, measureChangeText, measureValueText } from "./measure-words";

/** A business measure: its value, its definition in words and its computations. */
export const MeasureDetailClient = ({ instanceId, measureId }: { instanceId: string; measureId: string }) => {
  const styles = useInsightsStyles();
  const t = useT();
  const format = useFormat();
  const router = useRouter();
  const canEdit = useCan("editMeasures");
  const { data, error, mutate } = useMeasure(instanceId, measureId);
  const measure = data?.measure;
  const segment = useSegment(instanceId, measure?.segmentId ?? null).data?.segment;
  const history = (measure?.computations ?? []).map((computation, index, all) => ({
    id: computation.id,
    computedAt: computation.computedAt,
    refreshJobId: computation.refreshJobId,
    value: measureValueText(computation.value, measure!.valueKind, format),
    change: measureChangeText(computation.value, all[index + 1]?.value ?? null, measure!.valueKind, t, format),
  }));
  const actions =
    measure && canEdit ? (
      <>
        <Button icon={<EditRegular />} onClick={() => router.push(appPaths.editMeasure(instanceId, measure.id))}>
          {t("measures.edit")}
        </Button>
        <DeleteWithConfirmation
          texts={{
            title: t("measures.deleteTitle"),
            body: t("measures.deleteBody", { name: measure.name }),
            failed: t("measures.deleteFailed"),
            deleting: t("measures.deleting"),
          }}
          onDelete={() => apiDelete(apiPaths.measure(instanceId, measure.id)).then(() => undefined)}
          onDeleted={() => router.push(appPaths.measures(instanceId))}
        />
      </>
    ) : undefined;

  return (
    <>
      <PageHeader
        title={measure?.name ?? t("measures.measure")}
        subtitle={<AppLink href={appPaths.measures(instanceId)}>{t("measures.backToList")}</AppLink>}
        actions={actions}
      />
      {error && !measure ? <ErrorBar error={error} onRetry={() => void mutate()} /> : null}
      {!measure && !error ? <TableSkeleton /> : null}
      {measure ? (
        <div className={styles.stack}>
          <section className={styles.panel} aria-labelledby="measure-summary">
            <h2 id="measure-summary" className={styles.sectionTitle}>
              {t("measures.summary")}
            </h2>
            <dl className={styles.facts}>
              <dt className={styles.term}>{t("measures.colValue")}</dt>
              <dd className={styles.value}>
                <span className={styles.bigNumber}>{measureValueText(measure.value, measure.valueKind, format)}</span>
              </dd>
              <dt className={styles.term}>{t("insights.change")}</dt>
              <dd className={styles.value}>{measureChangeText(measure.value, measure.previousValue, measure.valueKind, t, format)}</dd>
              <dt className={styles.term}>{t("insights.lastComputed")}</dt>
              <dd className={styles.value}>{format.dateTime(measure.computedAt)}</dd>
              <dt className={styles.term}>{t("measures.definition")}</dt>
              <dd className={styles.value}>{aggregationWords(measure.aggregation, measure.attribute, t)}</dd>
              <dt className={styles.term}>{t("measures.colSegment")}</dt>
              <dd className={styles.value}>
                {measure.segmentId === null ? (
                  t("measures.allProfiles")
                ) : (
                  <AppLink href={appPaths.segment(instanceId, measure.segmentId)}>{segment?.name ?? "…"}</AppLink>
                )}
              </dd>
              {measure.description ? (
                <>
                  <dt className={styles.term}>{t("measures.description")}</dt>
                  <dd className={styles.value}>{measure.description}</dd>
                </>
              ) : null}
            </dl>
          </section>
          <section className={styles.panel} aria-labelledby="measure-history">
            <h2 id="measure-history" className={styles.sectionTitle}>
              {t("insights.history.title")}
            </h2>
            <ComputationHistory rows={history} label={t("insights.history.title")} valueHeader={t("measures.colValue")} />
          </section>
        </div>
      ) : null}
    </>
  );
};
