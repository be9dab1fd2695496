"use client";

import { Button } from "@fluentui/react-components";
import { ChevronLeftRegular } from "@fluentui/react-icons/svg/chevron-left";
import { ChevronRightRegular } from "@fluentui/react-icons/svg/chevron-right";
import { HistoryRegular } from "@fluentui/react-icons/svg/history";
import { useState } from "react";
import useSWR from "swr";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorBar } from "@/components/common/error-bar";
import { PageHeader } from "@/components/common/page-header";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { auditPaths } from "@/lib/audit/audit-paths";
import { AUDIT_PAGE_DEFAULT } from "@/lib/audit/audit-kinds";
import type { TAuditActor, TAuditLogPage } from "@/lib/audit/schemas";
import { useT } from "@/lib/i18n/i18n-provider";
import type { ApiError } from "@/lib/ui/api-client";
import { AuditLogFilters, type AuditFilterValues, emptyFilters, toQuery } from "./audit-log-filters";
import { AuditLogTable } from "./audit-log-table";
import { useAuditLogStyles } from "./audit-log.styles";

/**
 * Admin › Audit log: the tenant's audit entries, newest first, filtered and paged by cursor.
 * The cursors of the pages already seen are kept, so Previous goes back without recounting.
 */
export const AuditLogClient = ({ instanceId }: { instanceId: string }) => {
  const styles = useAuditLogStyles();
  const t = useT();
  const [filters, setFilters] = useState<AuditFilterValues>(emptyFilters);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const url = auditPaths.api({ ...toQuery(filters, instanceId), limit: AUDIT_PAGE_DEFAULT, cursor });
  const { data, error, mutate, isLoading } = useSWR<TAuditLogPage, ApiError>(url, { keepPreviousData: true });
  const { data: actors } = useSWR<{ actors: TAuditActor[] }, ApiError>(auditPaths.actors());

  const changeFilters = (next: AuditFilterValues) => {
    setFilters(next);
    setCursors([]);
  };
  const filtered = JSON.stringify(filters) !== JSON.stringify(emptyFilters);
  const entries = data?.entries;

  return (
    <>
      <PageHeader title={t("auditLog.title")} subtitle={t("auditLog.subtitle")} />
      <div className={styles.panel}>
        <AuditLogFilters value={filters} onChange={changeFilters} actors={actors?.actors ?? []} />
        {error && !entries ? <ErrorBar error={error} onRetry={() => void mutate()} /> : null}
        {!entries && !error ? <TableSkeleton /> : null}
        {entries && entries.length === 0 ? (
          <EmptyState
            icon={<HistoryRegular />}
            title={filtered ? t("auditLog.emptyFiltered.title") : t("auditLog.empty.title")}
            body={filtered ? t("auditLog.emptyFiltered.body") : t("auditLog.empty.body")}
          />
        ) : null}
        {entries && entries.length > 0 ? <AuditLogTable entries={entries} busy={isLoading} /> : null}
        {entries && (cursors.length > 0 || data?.nextCursor) ? (
          <nav className={styles.paging} aria-label={t("auditLog.paging")}>
            <span className={styles.muted}>{t("auditLog.pageNumber", { page: cursors.length + 1 })}</span>
            <Button icon={<ChevronLeftRegular />} disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
              {t("auditLog.previous")}
            </Button>
            <Button
              icon={<ChevronRightRegular />}
              iconPosition="after"
              disabled={!data?.nextCursor}
              onClick={() => data?.nextCursor && setCursors((c) => [...c, data.nextCursor!])}
            >
              {t("auditLog.next")}
            </Button>
          </nav>
        ) : null}
      </div>
    </>
  );
};
