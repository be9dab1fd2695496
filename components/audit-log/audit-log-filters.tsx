"use client";

import { Checkbox, Input, Label, Select, useId } from "@fluentui/react-components";
import type { AuditLogFilters as AuditQuery } from "@/lib/audit/audit-paths";
import { auditActions, auditActionsByTarget, auditTargetTypes } from "@/lib/audit/audit-kinds";
import type { TAuditActor, TAuditTargetType } from "@/lib/audit/schemas";
import { useT } from "@/lib/i18n/i18n-provider";
import { useAuditLogStyles } from "./audit-log.styles";

export type AuditFilterValues = {
  targetType: TAuditTargetType | "";
  action: string;
  actorId: string;
  /** yyyy-mm-dd from the date inputs, in the user's time zone. */
  fromDate: string;
  toDate: string;
  thisInstanceOnly: boolean;
};

export const emptyFilters: AuditFilterValues = { targetType: "", action: "", actorId: "", fromDate: "", toDate: "", thisInstanceOnly: false };

/** A local calendar day as the instant it starts, or (end) the last millisecond of it. */
const dayBound = (date: string, end: boolean) => {
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m || !d) return undefined;
  return (end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d)).toISOString();
};

export const toQuery = (filters: AuditFilterValues, instanceId: string): AuditQuery => ({
  targetType: filters.targetType || undefined,
  action: filters.action || undefined,
  actorId: filters.actorId || undefined,
  from: filters.fromDate ? dayBound(filters.fromDate, false) : undefined,
  to: filters.toDate ? dayBound(filters.toDate, true) : undefined,
  instanceId: filters.thisInstanceOnly ? instanceId : undefined,
});

type Props = { value: AuditFilterValues; onChange: (next: AuditFilterValues) => void; actors: TAuditActor[] };

export const AuditLogFilters = ({ value, onChange, actors }: Props) => {
  const styles = useAuditLogStyles();
  const t = useT();
  const ids = { target: useId("audit-target"), action: useId("audit-action"), actor: useId("audit-actor"), from: useId("audit-from"), to: useId("audit-to") };
  const actions = value.targetType ? auditActionsByTarget[value.targetType] : auditActions;
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...value, ...patch });

  return (
    <div className={styles.filters} role="group" aria-label={t("auditLog.filters")}>
      <div className={styles.field}>
        <Label htmlFor={ids.target}>{t("auditLog.filter.targetType")}</Label>
        <Select
          id={ids.target}
          value={value.targetType}
          onChange={(_, data) => {
            const targetType = data.value as AuditFilterValues["targetType"];
            // An action of the other target type would match nothing.
            set({ targetType, action: value.action.startsWith(`${targetType}.`) ? value.action : "" });
          }}
        >
          <option value="">{t("auditLog.filter.all")}</option>
          {auditTargetTypes.map((type) => (
            <option key={type} value={type}>
              {t(`auditLog.targetType.${type}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className={styles.field}>
        <Label htmlFor={ids.action}>{t("auditLog.filter.action")}</Label>
        <Select id={ids.action} value={value.action} onChange={(_, data) => set({ action: data.value })}>
          <option value="">{t("auditLog.filter.all")}</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {t(`auditLog.action.${action}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className={styles.field}>
        <Label htmlFor={ids.actor}>{t("auditLog.filter.actor")}</Label>
        <Select id={ids.actor} value={value.actorId} onChange={(_, data) => set({ actorId: data.value })}>
          <option value="">{t("auditLog.filter.anyone")}</option>
          {actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.name}
            </option>
          ))}
        </Select>
      </div>
      <div className={styles.field}>
        <Label htmlFor={ids.from}>{t("auditLog.filter.from")}</Label>
        <Input id={ids.from} type="date" value={value.fromDate} max={value.toDate || undefined} onChange={(_, data) => set({ fromDate: data.value })} />
      </div>
      <div className={styles.field}>
        <Label htmlFor={ids.to}>{t("auditLog.filter.to")}</Label>
        <Input id={ids.to} type="date" value={value.toDate} min={value.fromDate || undefined} onChange={(_, data) => set({ toDate: data.value })} />
      </div>
      <Checkbox
        className={styles.checkboxField}
        checked={value.thisInstanceOnly}
        onChange={(_, data) => set({ thisInstanceOnly: data.checked === true })}
        label={t("auditLog.filter.thisInstanceOnly")}
      />
    </div>
  );
};
