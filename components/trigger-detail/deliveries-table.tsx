"use client";

import { Badge, Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { ChevronDownRegular } from "@fluentui/react-icons/svg/chevron-down";
import { ChevronRightRegular } from "@fluentui/react-icons/svg/chevron-right";
import { MailInboxRegular } from "@fluentui/react-icons/svg/mail-inbox";
import { Fragment, lazy, Suspense, useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorBar } from "@/components/common/error-bar";
import { DeliveryStatusBadge } from "@/components/common/status-badges";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { TRegistrationStatus } from "@/lib/triggers/schemas";
import { useDeliveries } from "@/lib/ui/api-hooks";
import { useTriggerDetailStyles } from "./trigger-detail.styles";
import { preloadOn } from "@/components/common/preload";

// A delivery's attempts and replay load when a row is first expanded (or its button hovered or focused).
const loadDeliveryDetails = () => import("./delivery-details");
const DeliveryDetails = lazy(() => loadDeliveryDetails().then((m) => ({ default: m.DeliveryDetails })));
const preloadDeliveryDetails = preloadOn(loadDeliveryDetails);

// New deliveries (a refresh firing the trigger, retries) appear without a reload.
const REFRESH_MS = 3000;

type Props = {
  instanceId: string;
  registrationId: string;
  registrationStatus: TRegistrationStatus;
  onRegistrationChanged: () => Promise<unknown>;
};

export const DeliveriesTable = ({ instanceId, registrationId, registrationStatus, onRegistrationChanged }: Props) => {
  const styles = useTriggerDetailStyles();
  const t = useT();
  const format = useFormat();
  const { data, error, mutate } = useDeliveries(instanceId, registrationId, { refreshInterval: REFRESH_MS });
  const [expanded, setExpanded] = useState<string | null>(null);

  if (error && !data) return <ErrorBar error={error} onRetry={() => void mutate()} />;
  if (!data) return <TableSkeleton />;
  if (data.deliveries.length === 0) {
    return <EmptyState icon={<MailInboxRegular />} title={t("deliveries.empty.title")} body={t("deliveries.empty.body")} />;
  }

  return (
    <>
      {error ? <ErrorBar error={error} onRetry={() => void mutate()} /> : null}
      <Table aria-label={t("deliveries.table")}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell style={{ width: "32%" }}>{t("deliveries.colEvent")}</TableHeaderCell>
            <TableHeaderCell style={{ width: "10%" }}>{t("deliveries.colTest")}</TableHeaderCell>
            <TableHeaderCell>{t("deliveries.colStatus")}</TableHeaderCell>
            <TableHeaderCell style={{ width: "10%" }}>{t("deliveries.colAttempts")}</TableHeaderCell>
            <TableHeaderCell style={{ width: "22%" }}>{t("deliveries.colCreated")}</TableHeaderCell>
            <TableHeaderCell>{t("deliveries.colLastStatus")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.deliveries.map((delivery) => {
            const isOpen = expanded === delivery.id;
            return (
              <Fragment key={delivery.id}>
                <TableRow className={isOpen ? styles.expanded : undefined}>
                  <TableCell>
                    <span className={styles.expandCell}>
                      <Button
                        appearance="transparent"
                        size="small"
                        icon={isOpen ? <ChevronDownRegular /> : <ChevronRightRegular />}
                        aria-expanded={isOpen}
                        aria-controls={`delivery-${delivery.id}`}
                        aria-label={t(isOpen ? "deliveries.hideDetails" : "deliveries.showDetails", { id: delivery.id })}
                        onPointerEnter={preloadDeliveryDetails}
                        onFocus={preloadDeliveryDetails}
                        onClick={() => setExpanded(isOpen ? null : delivery.id)}
                      />
                      {delivery.eventType}
                    </span>
                  </TableCell>
                  <TableCell>{delivery.test ? <Badge appearance="outline" color="informative">{t("deliveries.testBadge")}</Badge> : null}</TableCell>
                  <TableCell>
                    <DeliveryStatusBadge status={delivery.status} />
                  </TableCell>
                  <TableCell>{format.number(delivery.attemptCount)}</TableCell>
                  <TableCell>{format.dateTimeSeconds(delivery.createdAt)}</TableCell>
                  <TableCell>{delivery.lastStatusCode ?? "—"}</TableCell>
                </TableRow>
                {isOpen ? (
                  <TableRow id={`delivery-${delivery.id}`} className={styles.expanded}>
                    <TableCell colSpan={6}>
                      <Suspense fallback={<TableSkeleton rows={1} />}>
                        <DeliveryDetails
                          instanceId={instanceId}
                          delivery={delivery}
                          registrationStatus={registrationStatus}
                          onReplayed={() => void mutate()}
                          onRegistrationChanged={onRegistrationChanged}
                        />
                      </Suspense>
                    </TableCell>
                  </TableRow>
                ) : null}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
};
