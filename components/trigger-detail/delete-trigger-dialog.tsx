"use client";

import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Spinner } from "@fluentui/react-components";
import { useState } from "react";
import { ErrorBar } from "@/components/common/error-bar";
import { useT } from "@/lib/i18n/i18n-provider";

type Props = { name: string; open: boolean; onOpenChange: (open: boolean) => void; onConfirm: () => Promise<void> };

/** Asks before deleting (loaded on demand by the page's Delete button). */
export default function DeleteTriggerDialog({ name, open, onOpenChange, onConfirm }: Props) {
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
          <DialogTitle>{t("trigger.deleteTitle")}</DialogTitle>
          <DialogContent>
            {t("trigger.deleteBody", { name })}
            {error ? <ErrorBar error={error} title={t("trigger.actionFailed")} /> : null}
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
                  setBusy(false);
                }
              }}
            >
              {busy ? t("trigger.deleting") : t("common.delete")}
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
