"use client";

import type { ButtonProps } from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons/svg/delete";
import { useT } from "@/lib/i18n/i18n-provider";
import { ConfirmButton } from "./confirm-button";

type Props = {
  /** The dialog's title, its question, the error bar's title and the button's label while deleting: already translated. */
  texts: { title: string; body: string; failed: string; deleting: string };
  /** Deletes; a throw is shown in the dialog, which stays open. */
  onDelete: () => Promise<void>;
  /** After a successful delete, once the dialog is closed (remove the row, leave the page). */
  onDeleted: () => void;
  "aria-label"?: string;
  size?: ButtonProps["size"];
  appearance?: ButtonProps["appearance"];
};

/** A Delete button that asks first, in a dialog loaded on demand. */
export const DeleteWithConfirmation = ({ texts, onDelete, onDeleted, ...button }: Props) => {
  const t = useT();
  const { deleting, ...rest } = texts;
  return (
    <ConfirmButton
      {...button}
      icon={<DeleteRegular />}
      texts={{ ...rest, confirm: t("common.delete"), busy: deleting, dismiss: t("common.cancel") }}
      onConfirm={onDelete}
      onConfirmed={onDeleted}
    >
      {t("common.delete")}
    </ConfirmButton>
  );
};
