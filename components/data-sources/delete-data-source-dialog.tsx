"use client";

import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Spinner } from "@fluentui/react-components";
import { useState } from "react";
import { ErrorBar } from "@/components/common/error-bar";
import { useT } from "@/lib/i18n/i18n-provider";

type Props = { name: string; open: boolean; onOpenChange: (open: boolean) => void; onConfirm: () => Promise<void> };

/**
 * Asks before deleting a data source (loaded on demand by its row's Delete button). A refusal,
 * such as the triggers that still use it, is shown here, next to the action that caused it.
 */
export default function DeleteDataSourceDialog({ name, open, onOpenChange, onConfirm }: Props) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        if (busy) return;
        onOpenChange(data.open);
        setError(null);
      }}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t("dataSources.deleteTitle")}</DialogTitle>
          <DialogContent>
            {t("dataSources.deleteBody", { name })}
            {error ? <ErrorBar error={error} title={t("dataSources.deleteFailed")} /> : null}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={busy}
              icon={busy ? <Spinner size="tiny" /> : undefined}
              onClick={async () => {
                setBusy(true);
                setError(null);
                try {
                  await onConfirm();
                } catch (cause) {
                  setError(cause);
                } finally {
                  setBusy(false);
                }
              }}
            >
              {busy ? t("dataSources.deleting") : t("common.delete")}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button disabled={busy}>{t("common.cancel")}</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
