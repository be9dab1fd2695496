"use client";

import { DeleteWithConfirmation } from "@/components/common/delete-with-confirmation";
import type { TDataSource } from "@/lib/datasources/schemas";
import { useT } from "@/lib/i18n/i18n-provider";
import { apiDelete } from "@/lib/ui/api-client";
import { apiPaths } from "@/lib/ui/api-paths";

type Props = { instanceId: string; dataSource: TDataSource; onDeleted: () => void };

export const DeleteDataSourceButton = ({ instanceId, dataSource, onDeleted }: Props) => {
  const t = useT();
  return (
    <DeleteWithConfirmation
      size="small"
      appearance="subtle"
      aria-label={t("dataSources.deleteLabel", { name: dataSource.name })}
      texts={{
        title: t("dataSources.deleteTitle"),
        body: t("dataSources.deleteBody", { name: dataSource.name }),
        failed: t("dataSources.deleteFailed"),
        deleting: t("dataSources.deleting"),
      }}
      onDelete={() => apiDelete(apiPaths.dataSource(instanceId, dataSource.id)).then(() => undefined)}
      onDeleted={onDeleted}
    />
  );
};
