"use client";

import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
} from "@fluentui/react-components";
import { useState } from "react";
import { AppLink } from "@/components/common/app-link";
import { ErrorBar } from "@/components/common/error-bar";
import type { TDestination } from "@/lib/destinations/schemas";
import { useT } from "@/lib/i18n/i18n-provider";
import { ApiError, apiDelete } from "@/lib/ui/api-client";
import { apiPaths, appPaths } from "@/lib/ui/api-paths";
import { useExportDestinationsStyles } from "./export-destinations.styles";

type Props = {
  instanceId: string;
  /** The destination to remove; null: closed. */
  destination: TDestination | null;
  onClose: () => void;
  onRemoved: (destination: TDestination) => void;
};

type UsingTrigger = { id: string; displayName: string };

/** The triggers a 409 destination_in_use names (`details.triggers`), or null for any other failure. */
const usingTriggersOf = (error: unknown): UsingTrigger[] | null => {
  if (!(error instanceof ApiError) || error.code !== "conflict") return null;
  const details = error.details as { reason?: unknown; triggers?: unknown } | undefined;
  if (details?.reason !== "destination_in_use" || !Array.isArray(details.triggers)) return null;
  return (details.triggers as UsingTrigger[]).filter((trigger) => typeof trigger?.id === "string" && typeof trigger.displayName === "string");
};

/**
 * Asks before removing a destination (loaded on demand). While triggers send to it the API refuses,
 * naming them: they are listed here, and the Admin may remove them with it, or cancel.
 */
export default function RemoveDestinationDialog({ instanceId, destination, onClose, onRemoved }: Props) {
  const styles = useExportDestinationsStyles();
  const t = useT();
  // Mounted afresh for each opening (the list renders it only while a removal is asked), so the prop is the one shown.
  const shown = destination;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [triggers, setTriggers] = useState<UsingTrigger[] | null>(null);

  const remove = async (withTriggers: boolean) => {
    if (!shown) return;
    setBusy(true);
    setFailure(null);
    try {
      await apiDelete(apiPaths.destination(instanceId, shown.id, withTriggers ? { withTriggers: true } : undefined));
      onRemoved(shown);
    } catch (error) {
      const using = usingTriggersOf(error);
      if (using && using.length > 0) setTriggers(using);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const name = shown?.displayName ?? "";
  return (
    <Dialog
      open={destination !== null}
      modalType="alert"
      onOpenChange={(_, data) => {
        if (!data.open && !busy) onClose();
      }}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t("destinations.removeDialog.title")}</DialogTitle>
          <DialogContent className={styles.form}>
            {failure ? <ErrorBar error={failure} title={t("destinations.removeDialog.failed")} /> : null}
            {triggers ? (
              <>
                <Body1 as="p">{t("destinations.removeDialog.inUse", { name })}</Body1>
                <ul className={styles.triggerList}>
                  {triggers.map((trigger) => (
                    <li key={trigger.id}>
                      <AppLink href={appPaths.trigger(instanceId, trigger.id)}>{trigger.displayName}</AppLink>
                    </li>
                  ))}
                </ul>
                <Body1 as="p">{t("destinations.removeDialog.question")}</Body1>
              </>
            ) : (
              <Body1 as="p">{t("destinations.removeDialog.body", { name })}</Body1>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined} onClick={() => void remove(triggers !== null)}>
              {busy ? t("destinations.removeDialog.removing") : triggers ? t("destinations.removeDialog.removeBoth") : t("destinations.remove")}
            </Button>
            <Button disabled={busy} onClick={onClose}>
              {t("common.cancel")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
