"use client";

import { Button, Input, Label, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, useId } from "@fluentui/react-components";
import { PeopleRegular } from "@fluentui/react-icons/svg/people";
import { SearchRegular } from "@fluentui/react-icons/svg/search";
import { useState } from "react";
import { AppLink } from "@/components/common/app-link";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorBar } from "@/components/common/error-bar";
import { PageHeader } from "@/components/common/page-header";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { useProfiles } from "@/lib/ui/api-hooks";
import { appPaths } from "@/lib/ui/api-paths";
import { attributeText, profileName } from "./profile-name";
import { useProfilesStyles } from "./profiles.styles";
import { useDebouncedValue } from "@/components/common/use-debounced-value";

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

/** The instance's customer profiles: search (as the user pauses typing), a page at a time. */
export const ProfilesClient = ({ instanceId }: { instanceId: string }) => {
  const styles = useProfilesStyles();
  const t = useT();
  const format = useFormat();
  const searchId = useId("profile-search");
  const [search, setSearch] = useState("");
  // Spaces around the term find nothing more; a search of spaces alone is no search.
  const settledSearch = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  const [page, setPage] = useState(0);
  // A new search starts at its first page.
  const [pageOf, setPageOf] = useState(settledSearch);
  if (pageOf !== settledSearch) {
    setPageOf(settledSearch);
    setPage(0);
  }
  const { data, error, mutate, isLoading } = useProfiles(instanceId, { search: settledSearch, top: PAGE_SIZE, skip: page * PAGE_SIZE });
  // keepPreviousData shows the previous search's page while this one loads: its rows may stay
  // (the table says it is busy), but its range and its "no match" must not speak for this search.
  const current = data !== undefined && !isLoading;
  const total = data?.total ?? 0;
  const lastPage = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
  const valueText = (value: Parameters<typeof attributeText>[0]) => attributeText(value, { number: format.number, yes: t("common.yes"), no: t("common.no") });

  return (
    <>
      <PageHeader title={t("profiles.title")} subtitle={t("profiles.subtitle")} />
      <div className={styles.panel}>
        <div className={styles.toolbar}>
          <div className={styles.actions}>
            <Label htmlFor={searchId}>{t("profiles.search")}</Label>
            <Input
              id={searchId}
              type="search"
              className={styles.search}
              contentBefore={<SearchRegular aria-hidden />}
              value={search}
              placeholder={t("profiles.searchPlaceholder")}
              onChange={(_, value) => setSearch(value.value)}
            />
          </div>
          <span className={styles.muted} aria-live="polite">
            {current ? (total === 0 ? t("profiles.none") : t("common.pageRange", {
              from: format.number(page * PAGE_SIZE + 1),
              to: format.number(Math.min(total, (page + 1) * PAGE_SIZE)),
              total: format.number(total),
            })) : ""}
          </span>
        </div>
        {error && !data ? <ErrorBar error={error} onRetry={() => void mutate()} /> : null}
        {!current && !error && (data?.profiles.length ?? 0) === 0 ? <TableSkeleton /> : null}
        {current && data.profiles.length === 0 ? (
          <EmptyState
            icon={<PeopleRegular />}
            title={settledSearch ? t("profiles.noMatch.title") : t("profiles.empty.title")}
            body={settledSearch ? t("profiles.noMatch.body", { search: settledSearch }) : t("profiles.empty.body")}
          />
        ) : null}
        {data && data.profiles.length > 0 ? (
          <Table aria-label={t("profiles.table")} aria-busy={isLoading}>
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
      </div>
    </>
  );
};
