"use client";

import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Spinner } from "@fluentui/react-components";
import { useState } from "react";
import { ErrorBar } from "@/components/common/error-bar";
import { useT } from "@/lib/i18n/i18n-provider";

type Props = { open: boolean; onOpenChange: (open: boolean) => void; onConfirm: () => Promise<void> };

/** Asks before cancelling a full refresh (loaded with its Cancel button); a refusal shows here. */
export default function CancelJobDialog({ open, onOpenChange, onConfirm }: Props) {
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
          <DialogTitle>{t("system.cancel.title")}</DialogTitle>
          <DialogContent>
            {t("system.cancel.body")}
            {error ? <ErrorBar error={error} title={t("system.cancel.failed")} /> : null}
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
              {busy ? t("system.cancel.cancelling") : t("system.cancel.confirm")}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button disabled={busy}>{t("system.cancel.keep")}</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
