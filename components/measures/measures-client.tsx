"use client";

import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons/svg/add";
import { DataTrendingRegular } from "@fluentui/react-icons/svg/data-trending";
import { useRouter } from "next/navigation";
import { AppLink } from "@/components/common/app-link";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorBar } from "@/components/common/error-bar";
import { useInsightsStyles } from "@/components/common/insights.styles";
import { PageHeader } from "@/components/common/page-header";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { attributeLabel } from "@/components/unify/attribute-label";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { useMeasures, useSegments } from "@/lib/ui/api-hooks";
import { appPaths } from "@/lib/ui/api-paths";
import { useCan } from "@/lib/ui/auth/current-user";
import { measureChangeText, measureValueText } from "./measure-words";

/** The instance's business measures with their latest value and its change. */
export const MeasuresClient = ({ instanceId }: { instanceId: string }) => {
  const styles = useInsightsStyles();
  const t = useT();
  const format = useFormat();
  const router = useRouter();
  const canEdit = useCan("editMeasures");
  const { data, error, mutate } = useMeasures(instanceId);
  const segments = useSegments(instanceId).data?.segments;
  const segmentName = (segmentId: string) => segments?.find((segment) => segment.id === segmentId)?.name ?? "…";
  const list = data?.measures;
  const add = canEdit ? (
    <Button appearance="primary" icon={<AddRegular />} onClick={() => router.push(appPaths.newMeasure(instanceId))}>
      {t("measures.new")}
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader title={t("measures.title")} subtitle={t("measures.subtitle")} actions={add} />
      <div className={styles.panel}>
        {error && !list ? <ErrorBar error={error} onRetry={() => void mutate()} /> : null}
        {!list && !error ? <TableSkeleton /> : null}
        {list && list.length === 0 ? <EmptyState icon={<DataTrendingRegular />} title={t("measures.empty.title")} body={t("measures.empty.body")} /> : null}
        {list && list.length > 0 ? (
          <Table aria-label={t("measures.table")}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("measures.colName")}</TableHeaderCell>
                <TableHeaderCell>{t("measures.colAggregation")}</TableHeaderCell>
                <TableHeaderCell>{t("measures.colAttribute")}</TableHeaderCell>
                <TableHeaderCell>{t("measures.colSegment")}</TableHeaderCell>
                <TableHeaderCell>{t("measures.colValue")}</TableHeaderCell>
                <TableHeaderCell>{t("insights.change")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((measure) => (
                <TableRow key={measure.id}>
                  <TableCell>
                    <AppLink href={appPaths.measure(instanceId, measure.id)}>{measure.name}</AppLink>
                  </TableCell>
                  <TableCell>{t(`measures.aggregation.${measure.aggregation}`)}</TableCell>
                  <TableCell>{measure.attribute === null ? t("measures.profiles") : attributeLabel(measure.attribute, t)}</TableCell>
                  <TableCell>
                    {measure.segmentId === null ? (
                      t("measures.allProfiles")
                    ) : (
                      <AppLink href={appPaths.segment(instanceId, measure.segmentId)}>{segmentName(measure.segmentId)}</AppLink>
                    )}
                  </TableCell>
                  <TableCell>{measureValueText(measure.value, measure.valueKind, format)}</TableCell>
                  <TableCell>{measureChangeText(measure.value, measure.previousValue, measure.valueKind, t, format)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </div>
    </>
  );
};
