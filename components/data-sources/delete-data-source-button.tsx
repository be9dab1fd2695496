"use client";

import { Button } from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons/svg/delete";
import { lazy, Suspense, useRef, useState } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import type { TDataSource } from "@/lib/datasources/schemas";
import { apiDelete } from "@/lib/ui/api-client";
import { apiPaths } from "@/lib/ui/api-paths";

// The confirmation dialog loads when Delete is first hovered, focused or selected.
const loadDeleteDialog = () => import("@/components/common/confirm-delete-dialog");
const ConfirmDeleteDialog = lazy(loadDeleteDialog);

type Props = { instanceId: string; dataSource: TDataSource; onDeleted: () => void };

export const DeleteDataSourceButton = ({ instanceId, dataSource, onDeleted }: Props) => {
  const t = useT();
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const preload = () => void loadDeleteDialog().catch(() => undefined);
  const close = () => {
    setOpen(false);
    // The dialog did not open from a DialogTrigger, so focus is handed back here.
    button.current?.focus();
  };
  return (
    <>
      <Button
        ref={button}
        size="small"
        appearance="subtle"
        icon={<DeleteRegular />}
        aria-haspopup="dialog"
        aria-label={t("dataSources.deleteLabel", { name: dataSource.name })}
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
            texts={{
              title: t("dataSources.deleteTitle"),
              body: t("dataSources.deleteBody", { name: dataSource.name }),
              failed: t("dataSources.deleteFailed"),
              deleting: t("dataSources.deleting"),
            }}
            open={open}
            onOpenChange={(next) => (next ? setOpen(true) : close())}
            onConfirm={async () => {
              await apiDelete(apiPaths.dataSource(instanceId, dataSource.id));
              // Closed before the row goes: a modal removed while open would leave the page hidden.
              close();
              onDeleted();
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
};
