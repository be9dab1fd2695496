"use client";

import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  Spinner,
} from "@fluentui/react-components";
import { useState } from "react";
import { ErrorBar } from "@/components/common/error-bar";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { validateWith } from "@/lib/i18n/zod-messages";
import { MAX_UPLOAD_BYTES, type TDataSource, ZCreateDataSource } from "@/lib/datasources/schemas";
import { apiPost, apiUpload } from "@/lib/ui/api-client";
import { apiPaths } from "@/lib/ui/api-paths";
import { useDataSourcesStyles } from "./data-sources.styles";

type Props = { instanceId: string; open: boolean; onOpenChange: (open: boolean) => void; onCreated: (dataSource: TDataSource) => void };

const parseColumns = (text: string) =>
  text
    .split(",")
    .map((column) => column.trim())
    .filter(Boolean);

/** The new data source form (loaded on demand by the page's "Add data source" button). */
export default function AddDataSourceDialog({ instanceId, open, onOpenChange, onCreated }: Props) {
  const styles = useDataSourcesStyles();
  const t = useT();
  const format = useFormat();
  const [name, setName] = useState("");
  const [columns, setColumns] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; title: string } | null>(null);

  const reset = () => {
    setName("");
    setColumns("");
    setFile(null);
    setErrors({});
    setFailure(null);
  };

  const submit = async () => {
    const check = validateWith(ZCreateDataSource, { kind: "upload", name, requiredColumns: parseColumns(columns) }, t, "name", "validation.required");
    const found: Record<string, string> = check.ok ? {} : { ...check.errors };
    if (!file) found.file = t("dataSources.dialog.fileRequired");
    else if (file.size > MAX_UPLOAD_BYTES) found.file = t("dataSources.dialog.fileTooLarge", { size: format.bytes(MAX_UPLOAD_BYTES) });
    setErrors(found);
    if (!check.ok || !file || Object.keys(found).length > 0) return;

    setBusy(true);
    setFailure(null);
    let created: TDataSource | null = null;
    try {
      created = (await apiPost<{ dataSource: TDataSource }>(apiPaths.dataSources(instanceId), check.data)).dataSource;
      const uploaded = await apiUpload<{ dataSource: TDataSource }>(apiPaths.dataSourceUploads(instanceId, created.id), "file", file);
      onCreated(uploaded.dataSource);
      onOpenChange(false);
      reset();
    } catch (error) {
      if (created) {
        // The data source exists now; the user retries the upload from its row.
        onCreated(created);
        setFailure({ error, title: t("dataSources.dialog.createdButUploadFailed") });
      } else {
        setFailure({ error, title: t("dataSources.dialog.failed") });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        if (busy) return;
        onOpenChange(data.open);
        if (!data.open) reset();
      }}
    >
      <DialogSurface>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{t("dataSources.dialog.title")}</DialogTitle>
            <DialogContent className={styles.form}>
              {failure ? <ErrorBar error={failure.error} title={failure.title} /> : null}
              <Field label={t("dataSources.dialog.name")} required validationMessage={errors.name}>
                <Input value={name} onChange={(_, data) => setName(data.value)} />
              </Field>
              <Field
                label={t("dataSources.dialog.file")}
                required
                hint={t("dataSources.dialog.fileHint", { size: format.bytes(MAX_UPLOAD_BYTES) })}
                validationMessage={errors.file}
              >
                {(fieldProps) => (
                  <input
                    {...fieldProps}
                    type="file"
                    accept=".csv,text/csv"
                    className={styles.fileInput}
                    onChange={(event) => setFile(event.target.files?.[0] ?? null)}
                  />
                )}
              </Field>
              <Field label={t("dataSources.dialog.columns")} hint={t("dataSources.dialog.columnsHint")} validationMessage={errors.requiredColumns}>
                <Input value={columns} placeholder="email, firstName" onChange={(_, data) => setColumns(data.value)} />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
                {busy ? t("dataSources.dialog.creating") : t("dataSources.dialog.create")}
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button disabled={busy}>{t("common.cancel")}</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
