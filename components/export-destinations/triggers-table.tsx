"use client";

import { Button, Table, TableBody, TableCell, TableCellLayout, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { PlugDisconnectedRegular } from "@fluentui/react-icons/svg/plug-disconnected";
import { AppLink } from "@/components/common/app-link";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorBar } from "@/components/common/error-bar";
import { RegistrationStatusBadge } from "@/components/common/status-badges";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { subjectRow, triggerTypeName } from "@/components/common/trigger-subject";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { useRegistrations } from "@/lib/ui/api-hooks";
import { appPaths } from "@/lib/ui/api-paths";
import { useExportDestinationsStyles } from "./export-destinations.styles";

export const TriggersTable = ({ instanceId, onDiscover }: { instanceId: string; onDiscover: () => void }) => {
  const styles = useExportDestinationsStyles();
  const t = useT();
  const format = useFormat();
  const { data, error, isLoading, mutate } = useRegistrations(instanceId);

  if (error) return <ErrorBar error={error} onRetry={() => void mutate()} />;
  if (isLoading || !data) return <TableSkeleton />;
  if (data.registrations.length === 0) {
    return (
      <EmptyState
        icon={<PlugDisconnectedRegular />}
        title={t("mine.empty.title")}
        body={t("mine.empty.body")}
        action={
          <Button appearance="primary" onClick={onDiscover}>
            {t("mine.empty.action")}
          </Button>
        }
      />
    );
  }

  return (
    <Table aria-label={t("mine.table")}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell style={{ width: "26%" }}>{t("mine.colName")}</TableHeaderCell>
          <TableHeaderCell style={{ width: "13%" }}>{t("mine.colType")}</TableHeaderCell>
          <TableHeaderCell style={{ width: "20%" }}>{t("mine.colTrigger")}</TableHeaderCell>
          <TableHeaderCell style={{ width: "11%" }}>{t("mine.colStatus")}</TableHeaderCell>
          <TableHeaderCell style={{ width: "15%" }}>{t("mine.colCreated")}</TableHeaderCell>
          <TableHeaderCell style={{ width: "15%" }}>{t("mine.colLastDelivery")}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {data.registrations.map((registration) => (
          <TableRow key={registration.id}>
            <TableCell>
              <TableCellLayout truncate>
                <AppLink href={appPaths.trigger(instanceId, registration.id)} className={styles.nameCell}>
                  {registration.displayName}
                </AppLink>
              </TableCellLayout>
            </TableCell>
            <TableCell>{t(`destinationType.${registration.destinationType}`)}</TableCell>
            <TableCell>
              <TableCellLayout description={subjectRow(registration.type, registration.subjectName, t)?.value}>
                {triggerTypeName(registration.type, t)}
              </TableCellLayout>
            </TableCell>
            <TableCell>
              <RegistrationStatusBadge status={registration.status} />
            </TableCell>
            <TableCell>{format.dateTime(registration.createdAt)}</TableCell>
            <TableCell>
              <span className={registration.lastDeliveryAt ? undefined : styles.muted}>{format.dateTime(registration.lastDeliveryAt)}</span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
