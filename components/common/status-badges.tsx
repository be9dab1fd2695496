"use client";

import { Badge, type BadgeProps } from "@fluentui/react-components";
import { useT } from "@/lib/i18n/i18n-provider";
import type { TRunStatus } from "@/lib/datasources/schemas";
import type { TDelivery } from "@/lib/delivery/schemas";
import type { TRefreshJobStatus } from "@/lib/refresh-jobs/schemas";
import type { TRegistrationStatus } from "@/lib/triggers/schemas";

type Color = NonNullable<BadgeProps["color"]>;

const registrationColor: Record<TRegistrationStatus, Color> = {
  active: "success",
  paused: "informative",
  failing: "warning",
  disabled: "danger",
  gone: "danger",
};

const runColor: Record<TRunStatus, Color> = {
  queued: "informative",
  running: "brand",
  successful: "success",
  failed: "danger",
  skipped: "subtle",
};

const jobColor: Record<TRefreshJobStatus, Color> = { ...runColor, cancelled: "subtle" };

const deliveryColor: Record<TDelivery["status"], Color> = {
  pending: "informative",
  delivering: "brand",
  succeeded: "success",
  failed: "danger",
  cancelled: "subtle",
};

export const RegistrationStatusBadge = ({ status }: { status: TRegistrationStatus }) => {
  const t = useT();
  return (
    <Badge appearance="tint" color={registrationColor[status]}>
      {t(`status.${status}`)}
    </Badge>
  );
};

export const RunStatusBadge = ({ status }: { status: TRunStatus }) => {
  const t = useT();
  return (
    <Badge appearance="tint" color={runColor[status]}>
      {t(`run.${status}`)}
    </Badge>
  );
};

export const DeliveryStatusBadge = ({ status }: { status: TDelivery["status"] }) => {
  const t = useT();
  return (
    <Badge appearance="tint" color={deliveryColor[status]}>
      {t(`delivery.${status}`)}
    </Badge>
  );
};

/** A full refresh job's status: a run's, or cancelled. */
export const JobStatusBadge = ({ status }: { status: TRefreshJobStatus }) => {
  const t = useT();
  return (
    <Badge appearance="tint" color={jobColor[status]}>
      {t(`run.${status}`)}
    </Badge>
  );
};
