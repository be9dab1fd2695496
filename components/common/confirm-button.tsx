"use client";

import { Button, type ButtonProps } from "@fluentui/react-components";
import { lazy, type ReactNode, type RefObject, Suspense, useEffect, useRef, useState } from "react";
import type { ConfirmDialogTexts } from "./confirm-dialog";
import { preloadOn } from "./preload";

// The confirmation dialog loads when its button is first hovered, focused or selected.
const loadDialog = () => import("./confirm-dialog");
const ConfirmDialog = lazy(loadDialog);

type Props = {
  texts: ConfirmDialogTexts;
  children: ReactNode;
  icon?: ButtonProps["icon"];
  size?: ButtonProps["size"];
  appearance?: ButtonProps["appearance"];
  disabledFocusable?: boolean;
  "aria-label"?: string;
  /** Does the action; a throw is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void>;
  /** After a successful action, once the dialog is closed (remove the row, leave the page). */
  onConfirmed?: () => void;
  /** False once the action no longer applies (the job ended): the button goes, and so does an open dialog. */
  available?: boolean;
  /** Where the focus goes when the dialog closes and the button is gone. It must be focusable (tabIndex -1). */
  fallbackFocus?: RefObject<HTMLElement | null>;
};

/** A button that asks first, in a dialog loaded on demand, and takes the focus back when it closes. */
export const ConfirmButton = ({ texts, children, onConfirm, onConfirmed, available = true, fallbackFocus, ...buttonProps }: Props) => {
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const preload = preloadOn(loadDialog);
  const close = () => {
    setOpen(false);
    // The dialog did not open from a DialogTrigger, so focus is handed back here. This also tells
    // Fluent's focus manager that the modal is over, so it un-hides the page for assistive technology.
    (button.current?.isConnected ? button.current : fallbackFocus?.current)?.focus();
  };
  const closeRef = useRef(close);
  closeRef.current = close;
  useEffect(() => {
    if (!available && open) closeRef.current();
  }, [available, open]);
  return (
    <>
      {available ? (
        <Button
          ref={button}
          {...buttonProps}
          aria-haspopup="dialog"
          onPointerEnter={preload}
          onFocus={preload}
          onClick={() => {
            setOpened(true);
            setOpen(true);
          }}
        >
          {children}
        </Button>
      ) : null}
      {opened ? (
        <Suspense fallback={null}>
          <ConfirmDialog
            texts={texts}
            open={open}
            onOpenChange={(next) => (next ? setOpen(true) : close())}
            onConfirm={async () => {
              await onConfirm();
              // Closed before the row or the page goes: a modal removed while open would leave the page hidden.
              close();
              onConfirmed?.();
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
};
