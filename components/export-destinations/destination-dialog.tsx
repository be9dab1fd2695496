"use client";

import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
} from "@fluentui/react-components";
import { useState } from "react";
import { ErrorBar } from "@/components/common/error-bar";
import { serverFieldErrors } from "@/components/common/server-field-errors";
import { SigningSecret } from "@/components/trigger-wizard/signing-secret";
import {
  destinationVisibilities,
  exportDestinationTypes,
  type TDestination,
  type TDestinationVisibility,
  type TExportDestinationType,
  ZCreateDestination,
  ZUpdateDestination,
} from "@/lib/destinations/schemas";
import { describeApiError } from "@/lib/i18n/error-messages";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { validateWith } from "@/lib/i18n/zod-messages";
import { ApiError, apiPatch, apiPost } from "@/lib/ui/api-client";
import { apiPaths } from "@/lib/ui/api-paths";
import { useExportDestinationsStyles } from "./export-destinations.styles";

type Props = {
  instanceId: string;
  open: boolean;
  /** null: a new destination. */
  destination: TDestination | null;
  onClose: () => void;
  /** After a create, an update or a rotation (the list reloads). */
  onSaved: (destination: TDestination, created: boolean) => void;
};

type Form = { displayName: string; type: TExportDestinationType; endpoint: string; visibility: TDestinationVisibility };

const formOf = (destination: TDestination | null): Form => ({
  displayName: destination?.displayName ?? "",
  type: destination?.type ?? "webhook",
  endpoint: destination?.endpoint ?? "",
  visibility: destination?.visibility ?? "everyone",
});

/** The fields a refusal is about: 422 issues by path, a refused URL, a taken name; else none (shown in a bar). */
const fieldErrorsOf = (error: unknown, i18n: Parameters<typeof describeApiError>[1]): Record<string, string> | null => {
  if (!(error instanceof ApiError)) return null;
  if (error.code === "callback_url_refused") return { endpoint: describeApiError(error, i18n) };
  if (error.code === "conflict" && (error.details as { reason?: unknown } | undefined)?.reason === "destination_name_taken") {
    return { displayName: describeApiError(error, i18n) };
  }
  return serverFieldErrors(error, i18n.t);
};

/**
 * Adds or edits an export destination (Admins; loaded on demand by the list's buttons). A new
 * destination's signing secret, and a rotated one, are shown here once, then never again. Mounted
 * afresh for each opening (keyed by the list), so it starts from the destination as it is.
 */
export default function DestinationDialog({ instanceId, open, destination, onClose, onSaved }: Props) {
  const styles = useExportDestinationsStyles();
  const t = useT();
  const format = useFormat();
  const [form, setForm] = useState<Form>(() => formOf(destination));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirmRotate, setConfirmRotate] = useState(false);
  // The one-time secret and what it is for: shown instead of the form until Done.
  const [secret, setSecret] = useState<{ value: string; message: string } | null>(null);

  const change = (patch: Partial<Form>) => {
    setForm((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(patch)) delete next[key];
      return next;
    });
  };

  const fail = (error: unknown) => {
    const fields = fieldErrorsOf(error, { t, format });
    if (fields) setErrors(fields);
    else setFailure(error);
  };

  const submit = async () => {
    setFailure(null);
    if (destination) {
      // Only what changed: an unchanged endpoint is not checked (and refused) again.
      const patch = {
        ...(form.displayName !== destination.displayName ? { displayName: form.displayName } : {}),
        ...(form.endpoint !== destination.endpoint ? { endpoint: form.endpoint } : {}),
        ...(form.visibility !== destination.visibility ? { visibility: form.visibility } : {}),
      };
      if (Object.keys(patch).length === 0) return onClose();
      const check = validateWith(ZUpdateDestination, patch, t, "displayName", "validation.required");
      if (!check.ok) return setErrors(check.errors);
      setBusy(true);
      try {
        const updated = await apiPatch<{ destination: TDestination }>(apiPaths.destination(instanceId, destination.id), check.data);
        onSaved(updated.destination, false);
        onClose();
      } catch (error) {
        fail(error);
      } finally {
        setBusy(false);
      }
      return;
    }
    const check = validateWith(ZCreateDestination, form, t, "displayName", "validation.required");
    if (!check.ok) return setErrors(check.errors);
    setBusy(true);
    try {
      const created = await apiPost<{ destination: TDestination; signingSecret: string }>(apiPaths.destinations(instanceId), check.data);
      onSaved(created.destination, true);
      setSecret({ value: created.signingSecret, message: t("destinations.dialog.created", { name: created.destination.displayName }) });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const rotate = async () => {
    if (!destination) return;
    setFailure(null);
    setBusy(true);
    try {
      const updated = await apiPatch<{ destination: TDestination; signingSecret?: string }>(apiPaths.destination(instanceId, destination.id), {
        rotateSecret: true,
      });
      onSaved(updated.destination, false);
      setConfirmRotate(false);
      if (updated.signingSecret) setSecret({ value: updated.signingSecret, message: t("destinations.dialog.rotated") });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const title = destination ? t("destinations.dialog.editTitle") : t("destinations.dialog.addTitle");

  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        if (!data.open && !busy) onClose();
      }}
    >
      <DialogSurface>
        {secret ? (
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.form}>
              <MessageBar intent="success" layout="multiline">
                <MessageBarBody>{secret.message}</MessageBarBody>
              </MessageBar>
              <SigningSecret secret={secret.value} />
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={onClose}>
                {t("destinations.dialog.done")}
              </Button>
            </DialogActions>
          </DialogBody>
        ) : (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <DialogBody>
              <DialogTitle>{title}</DialogTitle>
              <DialogContent className={styles.form}>
                {failure ? <ErrorBar error={failure} title={t("destinations.dialog.failed")} /> : null}
                <Field label={t("destinations.dialog.name")} required validationMessage={errors.displayName}>
                  <Input value={form.displayName} onChange={(_, data) => change({ displayName: data.value })} />
                </Field>
                {destination ? (
                  <Field label={t("destinations.dialog.type")} hint={t("destinations.dialog.typeFixed")}>
                    <Input readOnly value={t(`destinationTypeLong.${destination.type}`)} />
                  </Field>
                ) : (
                  <Field label={t("destinations.dialog.type")} hint={t("destinations.dialog.typeFixed")} validationMessage={errors.type}>
                    <RadioGroup value={form.type} onChange={(_, data) => change({ type: data.value as TExportDestinationType })}>
                      {exportDestinationTypes.map((type) => (
                        <Radio key={type} value={type} label={t(`destinationTypeLong.${type}`)} />
                      ))}
                    </RadioGroup>
                  </Field>
                )}
                <Field label={t("destinations.dialog.endpoint")} hint={t("destinations.dialog.endpointHint")} required validationMessage={errors.endpoint}>
                  <Input
                    type="url"
                    inputMode="url"
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="https://"
                    value={form.endpoint}
                    onChange={(_, data) => change({ endpoint: data.value })}
                  />
                </Field>
                <Field label={t("destinations.dialog.visibility")} validationMessage={errors.visibility}>
                  <RadioGroup value={form.visibility} onChange={(_, data) => change({ visibility: data.value as TDestinationVisibility })}>
                    {destinationVisibilities.map((visibility) => (
                      <Radio key={visibility} value={visibility} label={t(`destinations.dialog.visibility.${visibility}`)} />
                    ))}
                  </RadioGroup>
                </Field>
                {destination && confirmRotate ? (
                  <MessageBar intent="warning" layout="multiline">
                    <MessageBarBody>
                      <Body1>{t("destinations.dialog.rotateConfirm")}</Body1>
                    </MessageBarBody>
                  </MessageBar>
                ) : null}
              </DialogContent>
              <DialogActions fluid={false}>
                {destination && confirmRotate ? (
                  <>
                    <Button appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined} onClick={() => void rotate()}>
                      {busy ? t("destinations.dialog.rotating") : t("destinations.dialog.rotateYes")}
                    </Button>
                    <Button disabled={busy} onClick={() => setConfirmRotate(false)}>
                      {t("common.cancel")}
                    </Button>
                  </>
                ) : (
                  <>
                    {destination ? (
                      <Button disabled={busy} onClick={() => setConfirmRotate(true)}>
                        {t("destinations.dialog.rotate")}
                      </Button>
                    ) : null}
                    <Button type="submit" appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
                      {destination
                        ? busy
                          ? t("destinations.dialog.saving")
                          : t("destinations.dialog.save")
                        : busy
                          ? t("destinations.dialog.creating")
                          : t("destinations.dialog.create")}
                    </Button>
                    <Button disabled={busy} onClick={onClose}>
                      {t("common.cancel")}
                    </Button>
                  </>
                )}
              </DialogActions>
            </DialogBody>
          </form>
        )}
      </DialogSurface>
    </Dialog>
  );
}
