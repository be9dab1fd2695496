"use client";

import { Table, TableBody, TableCell, TableCellLayout, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import type { TAuditEntry } from "@/lib/audit/schemas";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { useAuditLogStyles } from "./audit-log.styles";
import { describeChanges } from "./describe-changes";

export const AuditLogTable = ({ entries, busy }: { entries: TAuditEntry[]; busy: boolean }) => {
  const styles = useAuditLogStyles();
  const t = useT();
  const format = useFormat();
  // Fields the log may name; one it does not know yet shows under its own name.
  const fieldLabel = (field: string) => {
    const key = `auditLog.field.${field}` as MessageKey;
    const label = t(key);
    return label === key ? field : label;
  };

  return (
    <Table aria-label={t("auditLog.table")} aria-busy={busy}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell style={{ width: "15%" }}>{t("auditLog.col.when")}</TableHeaderCell>
          <TableHeaderCell style={{ width: "14%" }}>{t("auditLog.col.who")}</TableHeaderCell>
          <TableHeaderCell style={{ width: "30%" }}>{t("auditLog.col.action")}</TableHeaderCell>
          <TableHeaderCell style={{ width: "16%" }}>{t("auditLog.col.target")}</TableHeaderCell>
          <TableHeaderCell style={{ width: "11%" }}>{t("auditLog.col.instance")}</TableHeaderCell>
          <TableHeaderCell style={{ width: "14%" }}>{t("auditLog.col.fromWhere")}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={entry.id}>
            <TableCell>{format.dateTimeSeconds(entry.createdAt)}</TableCell>
            <TableCell>
              <TableCellLayout truncate title={entry.actor.id}>
                {entry.actor.name}
              </TableCellLayout>
            </TableCell>
            <TableCell>
              <div className={styles.changes}>
                <span>{t(`auditLog.action.${entry.action}`)}</span>
                {describeChanges(entry.changes).map((change) => (
                  <span key={change.field} className={styles.change}>
                    <span className={styles.field_name}>{fieldLabel(change.field)}:</span> {change.text}
                  </span>
                ))}
              </div>
            </TableCell>
            <TableCell>
              <TableCellLayout truncate description={t(`auditLog.targetType.${entry.target.type}`)} title={entry.target.id}>
                {entry.target.name}
              </TableCellLayout>
            </TableCell>
            <TableCell>
              {entry.instance ? (entry.instance.name ?? <span className={styles.muted}>{entry.instance.id}</span>) : "—"}
            </TableCell>
            <TableCell>
              <TableCellLayout truncate description={entry.userAgent ?? undefined} title={entry.userAgent ?? undefined}>
                {entry.ip ?? <span className={styles.muted}>{t("auditLog.unknownAddress")}</span>}
              </TableCellLayout>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
