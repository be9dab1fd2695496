"use client";

import { Button, type ButtonProps } from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons/svg/delete";
import { lazy, Suspense, useRef, useState } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import type { ConfirmDeleteDialogProps } from "./confirm-delete-dialog";
import { preloadOn } from "./preload";

// The confirmation dialog loads when Delete is first hovered, focused or selected.
const loadDialog = () => import("./confirm-delete-dialog");
const ConfirmDeleteDialog = lazy(loadDialog);

type Props = {
  texts: ConfirmDeleteDialogProps["texts"];
  /** Deletes; a throw is shown in the dialog, which stays open. */
  onDelete: () => Promise<void>;
  /** After a successful delete, once the dialog is closed (remove the row, leave the page). */
  onDeleted: () => void;
  "aria-label"?: string;
  size?: ButtonProps["size"];
  appearance?: ButtonProps["appearance"];
};

/** A Delete button that asks first, in a dialog loaded on demand. */
export const DeleteWithConfirmation = ({ texts, onDelete, onDeleted, size, appearance, ...aria }: Props) => {
  const t = useT();
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const preload = preloadOn(loadDialog);
  const close = () => {
    setOpen(false);
    // The dialog did not open from a DialogTrigger, so focus is handed back here. This also tells
    // Fluent's focus manager that the modal is over, so it un-hides the page for assistive technology.
    button.current?.focus();
  };
  return (
    <>
      <Button
        ref={button}
        size={size}
        appearance={appearance}
        icon={<DeleteRegular />}
        aria-haspopup="dialog"
        aria-label={aria["aria-label"]}
        onPointerEnter={preload}
        onFocus={preload}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        {t("common.delete")}
      </Button>
      {opened ? (
        <Suspense fallback={null}>
          <ConfirmDeleteDialog
            texts={texts}
            open={open}
            onOpenChange={(next) => (next ? setOpen(true) : close())}
            onConfirm={async () => {
              await onDelete();
              // Closed before the row or the page goes: a modal removed while open would leave the page hidden.
              close();
              onDeleted();
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
};
