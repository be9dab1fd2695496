"use client";

import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Spinner } from "@fluentui/react-components";
import { useState } from "react";
import { ErrorBar } from "@/components/common/error-bar";

export type ConfirmDialogTexts = {
  /** All already translated: the title, the question, the error bar's title, the confirm button's label and its label while busy, the button that closes. */
  title: string;
  body: string;
  failed: string;
  confirm: string;
  busy: string;
  dismiss: string;
};

export type ConfirmDialogProps = {
  texts: ConfirmDialogTexts;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => Promise<void>;
};

/**
 * Asks before an action (loaded on demand by its button). A refusal, such as the triggers that
 * still use a data source, is shown here, next to the action that caused it.
 */
export default function ConfirmDialog({ texts, open, onOpenChange, onConfirm }: ConfirmDialogProps) {
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
              {busy ? texts.busy : texts.confirm}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button disabled={busy}>{texts.dismiss}</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
