"use client";

import { Button, Spinner } from "@fluentui/react-components";
import { ArrowUploadRegular } from "@fluentui/react-icons/svg/arrow-upload";
import { useRef, useState } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import type { TDataSource } from "@/lib/datasources/schemas";
import { apiUpload } from "@/lib/ui/api-client";
import { apiPaths } from "@/lib/ui/api-paths";
import { useDataSourcesStyles } from "./data-sources.styles";

type Props = {
  instanceId: string;
  dataSource: TDataSource;
  onUploaded: (dataSource: TDataSource, fileName: string) => void;
  onError: (error: unknown) => void;
};

/** Replaces the data source's content; the next refresh ingests it. */
export const UploadFileButton = ({ instanceId, dataSource, onUploaded, onError }: Props) => {
  const styles = useDataSourcesStyles();
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        className={styles.hiddenInput}
        tabIndex={-1}
        aria-hidden
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (!file) return;
          setBusy(true);
          try {
            const result = await apiUpload<{ dataSource: TDataSource }>(apiPaths.dataSourceUploads(instanceId, dataSource.id), "file", file);
            onUploaded(result.dataSource, file.name);
          } catch (error) {
            onError(error);
          } finally {
            setBusy(false);
          }
        }}
      />
      <Button
        size="small"
        icon={busy ? <Spinner size="extra-tiny" /> : <ArrowUploadRegular />}
        disabled={busy}
        aria-label={t("dataSources.uploadLabel", { name: dataSource.name })}
        onClick={() => input.current?.click()}
      >
        {t("dataSources.upload")}
      </Button>
    </>
  );
};
