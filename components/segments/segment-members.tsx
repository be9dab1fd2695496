"use client";

import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { useState } from "react";
import { AppLink } from "@/components/common/app-link";
import { ErrorBar } from "@/components/common/error-bar";
import { useInsightsStyles } from "@/components/common/insights.styles";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { attributeText, profileName } from "@/components/profiles/profile-name";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { useSegmentMembers } from "@/lib/ui/api-hooks";
import { appPaths } from "@/lib/ui/api-paths";

const PAGE_SIZE = 20;

/** The profiles the segment's rule selects now, a page at a time, in the profiles list's look. */
export const SegmentMembers = ({ instanceId, segmentId }: { instanceId: string; segmentId: string }) => {
  const styles = useInsightsStyles();
  const t = useT();
  const format = useFormat();
  const [page, setPage] = useState(0);
  const { data, error, mutate, isLoading } = useSegmentMembers(instanceId, segmentId, { top: PAGE_SIZE, skip: page * PAGE_SIZE });
  const total = data?.total ?? 0;
  const lastPage = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
  const valueText = (value: Parameters<typeof attributeText>[0]) => attributeText(value, { number: format.number, yes: t("common.yes"), no: t("common.no") });
  return (
    <section className={styles.panel} aria-labelledby="segment-members">
      <div className={styles.toolbar}>
        <h2 id="segment-members" className={styles.sectionTitle}>
          {t("segments.members")}
        </h2>
        <span className={styles.muted} aria-live="polite">
          {data && !isLoading
            ? total === 0
              ? t("segments.noMembers")
              : t("common.pageRange", {
                  from: format.number(page * PAGE_SIZE + 1),
                  to: format.number(Math.min(total, (page + 1) * PAGE_SIZE)),
                  total: format.number(total),
                })
            : ""}
        </span>
      </div>
      {error && !data ? <ErrorBar error={error} onRetry={() => void mutate()} /> : null}
      {!data && !error ? <TableSkeleton /> : null}
      {data && data.profiles.length > 0 ? (
        <Table aria-label={t("segments.membersTable")} aria-busy={isLoading}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("profiles.colName")}</TableHeaderCell>
              <TableHeaderCell>{t("attribute.email")}</TableHeaderCell>
              <TableHeaderCell>{t("attribute.phone")}</TableHeaderCell>
              <TableHeaderCell>{t("attribute.city")}</TableHeaderCell>
              <TableHeaderCell>{t("profiles.colRecords")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.profiles.map((profile) => (
              <TableRow key={profile.id}>
                <TableCell>
                  <AppLink href={appPaths.profile(instanceId, profile.id)}>{profileName(profile.attributes) ?? t("profiles.unnamed")}</AppLink>
                </TableCell>
                <TableCell>{valueText(profile.attributes.email)}</TableCell>
                <TableCell>{valueText(profile.attributes.phone)}</TableCell>
                <TableCell>{valueText(profile.attributes.city)}</TableCell>
                <TableCell>{format.number(profile.sourceRecordCount)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {total > PAGE_SIZE ? (
        <div className={styles.actions}>
          <Button disabledFocusable={page === 0} onClick={() => setPage((current) => Math.max(0, current - 1))}>
            {t("common.previousPage")}
          </Button>
          <Button disabledFocusable={page >= lastPage} onClick={() => setPage((current) => Math.min(lastPage, current + 1))}>
            {t("common.nextPage")}
          </Button>
        </div>
      ) : null}
    </section>
  );
};
