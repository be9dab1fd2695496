"use client";

import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Spinner } from "@fluentui/react-components";
import { useState } from "react";
import { ErrorBar } from "@/components/common/error-bar";
import { useT } from "@/lib/i18n/i18n-provider";

export type ConfirmDeleteDialogProps = {
  /** The dialog's title, its question, the error bar's title and the button's label while deleting: already translated. */
  texts: { title: string; body: string; failed: string; deleting: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => Promise<void>;
};

/**
 * Asks before deleting something (loaded on demand by its Delete button). A refusal, such as
 * the triggers that still use a data source, is shown here, next to the action that caused it.
 */
export default function ConfirmDeleteDialog({ texts, open, onOpenChange, onConfirm }: ConfirmDeleteDialogProps) {
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
          <DialogTitle>{texts.title}</DialogTitle>
          <DialogContent>
            {texts.body}
            {error ? <ErrorBar error={error} title={texts.failed} /> : null}
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
              {busy ? texts.deleting : t("common.delete")}
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
