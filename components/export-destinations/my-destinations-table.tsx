"use client";

import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableCellLayout,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons/svg/add";
import { DeleteRegular } from "@fluentui/react-icons/svg/delete";
import { EditRegular } from "@fluentui/react-icons/svg/edit";
import { PlugDisconnectedRegular } from "@fluentui/react-icons/svg/plug-disconnected";
import { lazy, Suspense, useRef, useState } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorBar } from "@/components/common/error-bar";
import { preloadOn } from "@/components/common/preload";
import { TableSkeleton } from "@/components/common/table-skeleton";
import type { TDestination, TDestinationStatus, TDestinationView } from "@/lib/destinations/schemas";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { useDestinations } from "@/lib/ui/api-hooks";
import { useCan } from "@/lib/ui/auth/current-user";
import { useExportDestinationsStyles } from "./export-destinations.styles";

// The dialogs (forms, focus trapping) load the first time they are opened, or when a button that
// opens them is hovered or focused: the list does not need them, and most visits open none.
const loadEditDialog = () => import("./destination-dialog");
const DestinationDialog = lazy(loadEditDialog);
const loadRemoveDialog = () => import("./remove-destination-dialog");
const RemoveDestinationDialog = lazy(loadRemoveDialog);

const statusColor: Record<TDestinationStatus, "success" | "danger" | "informative" | "subtle"> = {
  active: "success",
  failing: "danger",
  inactive: "informative",
  unused: "subtle",
};

/** Admins get the whole destination; everyone else id, name and type. */
const isWhole = (destination: TDestinationView): destination is TDestination => "status" in destination;

type Opened = { kind: "add" } | { kind: "edit"; destination: TDestination } | { kind: "remove"; destination: TDestination };

export const MyDestinationsTable = ({ instanceId }: { instanceId: string }) => {
  const styles = useExportDestinationsStyles();
  const t = useT();
  const format = useFormat();
  const canManage = useCan("manageDestinations");
  const { data, error, mutate } = useDestinations(instanceId);
  // The dialog open now (null: none), and whether each was mounted once (so closing can animate).
  const [opened, setOpened] = useState<Opened | null>(null);
  const [mounted, setMounted] = useState({ edit: false, remove: false });
  const [notice, setNotice] = useState<string | null>(null);
  // Each opening mounts a fresh dialog (its key): a reused one kept the last opening's state and
  // confused Fluent's modal focus handling (the reopened dialog stayed hidden from assistive technology).
  const [openings, setOpenings] = useState(0);
  // The button that opened the dialog gets the focus back: the dialogs do not open from a DialogTrigger.
  const opener = useRef<HTMLElement | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const open = (next: Opened, from: HTMLElement) => {
    opener.current = from;
    setNotice(null);
    setMounted((current) => (next.kind === "remove" ? { ...current, remove: true } : { ...current, edit: true }));
    setOpenings((count) => count + 1);
    setOpened(next);
  };
  const close = () => {
    setOpened(null);
    (opener.current?.isConnected ? opener.current : addButton.current)?.focus();
  };

  const list = data?.destinations;
  const addAction = canManage ? (
    <Button
      ref={addButton}
      appearance="primary"
      icon={<AddRegular />}
      aria-haspopup="dialog"
      onPointerEnter={preloadOn(loadEditDialog)}
      onFocus={preloadOn(loadEditDialog)}
      onClick={(event) => open({ kind: "add" }, event.currentTarget)}
    >
      {t("destinations.add")}
    </Button>
  ) : null;

  return (
    <div className={styles.stack}>
      {addAction ? <div className={styles.toolbar}>{addAction}</div> : null}
      <div aria-live="polite">
        {notice ? (
          <MessageBar intent="success">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {error && !list ? <ErrorBar error={error} onRetry={() => void mutate()} /> : null}
      {!list && !error ? <TableSkeleton /> : null}
      {list && list.length === 0 ? (
        <EmptyState
          icon={<PlugDisconnectedRegular />}
          title={t("destinations.empty.title")}
          body={canManage ? t("destinations.empty.bodyAdmin") : t("destinations.empty.bodyShared")}
        />
      ) : null}
      {list && list.length > 0 ? (
        <Table aria-label={t("destinations.table")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("mine.colName")}</TableHeaderCell>
              <TableHeaderCell>{t("mine.colType")}</TableHeaderCell>
              {canManage ? (
                <>
                  <TableHeaderCell>{t("mine.colStatus")}</TableHeaderCell>
                  <TableHeaderCell>{t("destinations.colTriggers")}</TableHeaderCell>
                  <TableHeaderCell>{t("mine.colCreated")}</TableHeaderCell>
                  <TableHeaderCell>{t("mine.colLastDelivery")}</TableHeaderCell>
                  <TableHeaderCell>{t("destinations.colActions")}</TableHeaderCell>
                </>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.map((destination) => (
              <TableRow key={destination.id}>
                <TableCell>
                  <TableCellLayout truncate className={styles.nameCell}>
                    {destination.displayName}
                  </TableCellLayout>
                </TableCell>
                <TableCell>{t(`destinationTypeLong.${destination.type}`)}</TableCell>
                {canManage && isWhole(destination) ? (
                  <>
                    <TableCell>
                      <Badge appearance="tint" color={statusColor[destination.status]}>
                        {t(`destinations.status.${destination.status}`)}
                      </Badge>
                    </TableCell>
                    <TableCell>{format.number(destination.triggerCount)}</TableCell>
                    <TableCell>{format.dateTime(destination.createdAt)}</TableCell>
                    <TableCell>
                      <span className={destination.lastDeliveryAt ? undefined : styles.muted}>{format.dateTime(destination.lastDeliveryAt)}</span>
                    </TableCell>
                    <TableCell>
                      <div className={styles.rowActions}>
                        <Button
                          size="small"
                          appearance="subtle"
                          icon={<EditRegular />}
                          aria-haspopup="dialog"
                          aria-label={t("destinations.editLabel", { name: destination.displayName })}
                          onPointerEnter={preloadOn(loadEditDialog)}
                          onFocus={preloadOn(loadEditDialog)}
                          onClick={(event) => open({ kind: "edit", destination }, event.currentTarget)}
                        >
                          {t("destinations.edit")}
                        </Button>
                        <Button
                          size="small"
                          appearance="subtle"
                          icon={<DeleteRegular />}
                          aria-haspopup="dialog"
                          aria-label={t("destinations.removeLabel", { name: destination.displayName })}
                          onPointerEnter={preloadOn(loadRemoveDialog)}
                          onFocus={preloadOn(loadRemoveDialog)}
                          onClick={(event) => open({ kind: "remove", destination }, event.currentTarget)}
                        >
                          {t("destinations.remove")}
                        </Button>
                      </div>
                    </TableCell>
                  </>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {mounted.edit ? (
        <Suspense fallback={null}>
          <DestinationDialog
            key={openings}
            instanceId={instanceId}
            open={opened?.kind === "add" || opened?.kind === "edit"}
            destination={opened?.kind === "edit" ? opened.destination : null}
            onClose={close}
            onSaved={(saved, created) => {
              setNotice(t(created ? "destinations.added" : "destinations.updated", { name: saved.displayName }));
              void mutate();
            }}
          />
        </Suspense>
      ) : null}
      {mounted.remove ? (
        <Suspense fallback={null}>
          <RemoveDestinationDialog
            key={openings}
            instanceId={instanceId}
            destination={opened?.kind === "remove" ? opened.destination : null}
            onClose={close}
            onRemoved={(removed) => {
              setNotice(t("destinations.removedOne", { name: removed.displayName }));
              // The focus goes to the Add button: the row and its Remove button are gone.
              opener.current = null;
              close();
              void mutate();
            }}
          />
        </Suspense>
      ) : null}
    </div>
  );
};
