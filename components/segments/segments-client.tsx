"use client";

import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons/svg/add";
import { PeopleAudienceRegular } from "@fluentui/react-icons/svg/people-audience";
import { useRouter } from "next/navigation";
import { AppLink } from "@/components/common/app-link";
import { changeText } from "@/components/common/change-text";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorBar } from "@/components/common/error-bar";
import { useInsightsStyles } from "@/components/common/insights.styles";
import { PageHeader } from "@/components/common/page-header";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { useSegments } from "@/lib/ui/api-hooks";
import { appPaths } from "@/lib/ui/api-paths";
import { useCan } from "@/lib/ui/auth/current-user";

/** The instance's segments with their latest size and its change. */
export const SegmentsClient = ({ instanceId }: { instanceId: string }) => {
  const styles = useInsightsStyles();
  const t = useT();
  const format = useFormat();
  const router = useRouter();
  const canEdit = useCan("editSegments");
  const { data, error, mutate } = useSegments(instanceId);
  const list = data?.segments;
  const add = canEdit ? (
    <Button appearance="primary" icon={<AddRegular />} onClick={() => router.push(appPaths.newSegment(instanceId))}>
      {t("segments.new")}
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader title={t("segments.title")} subtitle={t("segments.subtitle")} actions={add} />
      <div className={styles.panel}>
        {error && !list ? <ErrorBar error={error} onRetry={() => void mutate()} /> : null}
        {!list && !error ? <TableSkeleton /> : null}
        {list && list.length === 0 ? (
          <EmptyState icon={<PeopleAudienceRegular />} title={t("segments.empty.title")} body={t("segments.empty.body")} />
        ) : null}
        {list && list.length > 0 ? (
          <Table aria-label={t("segments.table")}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("segments.colName")}</TableHeaderCell>
                <TableHeaderCell>{t("segments.colSize")}</TableHeaderCell>
                <TableHeaderCell>{t("insights.change")}</TableHeaderCell>
                <TableHeaderCell>{t("insights.lastComputed")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((segment) => (
                <TableRow key={segment.id}>
                  <TableCell>
                    <AppLink href={appPaths.segment(instanceId, segment.id)}>{segment.name}</AppLink>
                  </TableCell>
                  <TableCell>{segment.size === null ? "—" : format.number(segment.size)}</TableCell>
                  <TableCell>{changeText(segment.size, segment.previousSize, format.change)}</TableCell>
                  <TableCell>{format.dateTime(segment.computedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </div>
    </>
  );
};
