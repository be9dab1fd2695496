"use client";

import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { useInsightsStyles } from "./insights.styles";

export type HistoryRow = { id: string; computedAt: string; refreshJobId: string | null; value: string; change: string };

type Props = { rows: HistoryRow[]; label: string; valueHeader: string };

/** A segment's or measure's computations, newest first: when, the value, its change, and what computed it. */
export const ComputationHistory = ({ rows, label, valueHeader }: Props) => {
  const t = useT();
  const format = useFormat();
  const styles = useInsightsStyles();
  if (rows.length === 0) return <p className={styles.muted}>{t("insights.history.none")}</p>;
  return (
    <Table aria-label={label} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t("insights.history.computedAt")}</TableHeaderCell>
          <TableHeaderCell>{valueHeader}</TableHeaderCell>
          <TableHeaderCell>{t("insights.change")}</TableHeaderCell>
          <TableHeaderCell>{t("insights.history.by")}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell>{format.dateTime(row.computedAt)}</TableCell>
            <TableCell>{row.value}</TableCell>
            <TableCell>{row.change}</TableCell>
            <TableCell>
              {row.refreshJobId ? (
                <span>
                  {t("insights.history.refreshJob")} <span className={styles.code}>{row.refreshJobId}</span>
                </span>
              ) : (
                t("insights.history.onSave")
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
