"use client";

import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, Textarea } from "@fluentui/react-components";
import { LockClosedRegular } from "@fluentui/react-icons/svg/lock-closed";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { AppLink } from "@/components/common/app-link";
import { EmptyState } from "@/components/common/empty-state";
import { describeError, ErrorBar } from "@/components/common/error-bar";
import { useInsightsStyles } from "@/components/common/insights.styles";
import { PageHeader } from "@/components/common/page-header";
import { serverFieldErrors } from "@/components/common/server-field-errors";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { useDebouncedValue } from "@/components/common/use-debounced-value";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { TSegment, TSegmentDetail, TSegmentPreview } from "@/lib/segments/schemas";
import type { TAttributeDefinition } from "@/lib/unification/schemas";
import { apiPatch, apiPost } from "@/lib/ui/api-client";
import { useSegment, useUnificationConfig } from "@/lib/ui/api-hooks";
import { apiPaths, appPaths } from "@/lib/ui/api-paths";
import { useCurrentUser } from "@/lib/ui/auth/current-user";
import { can } from "@/lib/ui/auth/permissions";
import { RuleBuilder } from "./rule-builder";
import { fromRule, newRuleForm, type RuleForm, toRule } from "./rule-form";

// The size is asked for once the user pauses editing, not at every key.
const PREVIEW_DELAY_MS = 400;

type Preview = { size: number | null; issues: Record<string, string> | null; error: unknown; busy: boolean };

type FormProps = { instanceId: string; attributes: TAttributeDefinition[]; segment: TSegmentDetail | null };

const SegmentForm = ({ instanceId, attributes, segment }: FormProps) => {
  const styles = useInsightsStyles();
  const t = useT();
  const format = useFormat();
  const router = useRouter();
  const types = useMemo(() => new Map(attributes.map((attribute) => [attribute.name, attribute.type])), [attributes]);
  const [name, setName] = useState(segment?.name ?? "");
  const [description, setDescription] = useState(segment?.description ?? "");
  // A rule saved by an earlier version that no longer reads (rule null) is built again from scratch.
  const [form, setForm] = useState<RuleForm>(() => (segment?.rule ? fromRule(segment.rule) : newRuleForm(attributes[0]?.name)));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [saveErrors, setSaveErrors] = useState<Record<string, string> | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState<Preview>({ size: null, issues: null, error: null, busy: true });

  const ruleJson = JSON.stringify(toRule(form, types));
  const settledRule = useDebouncedValue(ruleJson, PREVIEW_DELAY_MS);
  // Only the answer to the latest rule counts: an earlier, slower answer must not overwrite it.
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    setPreview((current) => ({ ...current, busy: true }));
    apiPost<TSegmentPreview>(apiPaths.segmentPreview(instanceId), { rule: JSON.parse(settledRule) as unknown }).then(
      (answer) => {
        if (call === latest.current) setPreview({ size: answer.size, issues: null, error: null, busy: false });
      },
      (error: unknown) => {
        if (call !== latest.current) return;
        const issues = serverFieldErrors(error, t);
        setPreview({ size: null, issues, error: issues ? null : error, busy: false });
      },
    );
  }, [instanceId, settledRule, t]);

  // A save's errors are dropped as their fields change: a name's when it is edited, every rule
  // error when the rule changes (the preview reports the rule's issues again).
  const dropSaveErrors = (drop: (path: string) => boolean) =>
    setSaveErrors((current) => (current ? Object.fromEntries(Object.entries(current).filter(([path]) => !drop(path))) : current));
  const changeRule = (update: (current: RuleForm) => RuleForm) => {
    setForm(update);
    dropSaveErrors((path) => path === "rule" || path.startsWith("rule."));
  };

  const errors = { ...preview.issues, ...saveErrors };
  const errorAt = (path: string, rowKey?: string) => {
    const found = errors[path] ?? (path.endsWith(".value") ? Object.entries(errors).find(([key]) => key.startsWith(`${path}.`))?.[1] : undefined);
    // A value the user has not reached yet is not wrong yet; a save shows every error.
    if (rowKey !== undefined && saveErrors === null && !touched.has(rowKey)) return undefined;
    return found;
  };

  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      const body = { name, description, rule: JSON.parse(ruleJson) as unknown };
      const saved = segment
        ? await apiPatch<{ segment: TSegment }>(apiPaths.segment(instanceId, segment.id), body)
        : await apiPost<{ segment: TSegment }>(apiPaths.segments(instanceId), body);
      router.push(appPaths.segment(instanceId, saved.segment.id));
    } catch (error) {
      const fields = serverFieldErrors(error, t);
      setSaveErrors(fields ?? {});
      if (!fields) setFailure(error);
      setSaving(false);
    }
  };

  const sizeText = preview.error
    ? describeError(preview.error, { t, format })
    : preview.issues
      ? t("segments.preview.incomplete")
      : preview.size === null
        ? ""
        : preview.size === 1
          ? t("segments.preview.size.one")
          : t("segments.preview.size.other", { size: format.number(preview.size) });

  return (
    <form
      className={styles.stack}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {failure ? <ErrorBar error={failure} title={t("segments.saveFailed")} /> : null}
      <section className={styles.panel} aria-labelledby="segment-about">
        <h2 id="segment-about" className={styles.sectionTitle}>
          {t("segments.editor.about")}
        </h2>
        <Field label={t("segments.name")} required validationMessage={errors.name} className={styles.field}>
          <Input
            value={name}
            onChange={(_, data) => {
              setName(data.value);
              dropSaveErrors((path) => path === "name");
            }}
          />
        </Field>
        <Field label={t("segments.description")} validationMessage={errors.description} className={styles.field}>
          <Textarea
            value={description}
            resize="vertical"
            onChange={(_, data) => {
              setDescription(data.value);
              dropSaveErrors((path) => path === "description");
            }}
          />
        </Field>
      </section>
      <section className={styles.panel} aria-label={t("segments.rule.title")}>
        {segment && !segment.rule ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{t("segments.rule.unreadableEdit")}</MessageBarBody>
          </MessageBar>
        ) : null}
        <RuleBuilder
          form={form}
          onChange={changeRule}
          attributes={attributes}
          types={types}
          errorAt={errorAt}
          onTouched={(key) => setTouched((current) => (current.has(key) ? current : new Set(current).add(key)))}
        />
      </section>
      <section className={styles.panel} aria-labelledby="segment-preview">
        <h2 id="segment-preview" className={styles.sectionTitle}>
          {t("segments.preview.title")}
        </h2>
        <div className={styles.actions}>
          {preview.busy ? <Spinner size="extra-tiny" aria-hidden /> : null}
          <p className={preview.size === null ? styles.muted : styles.value} role="status" aria-labelledby="segment-preview" aria-live="polite" aria-atomic="true">
            {sizeText}
          </p>
        </div>
      </section>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={saving} icon={saving ? <Spinner size="tiny" /> : undefined}>
          {saving ? t("segments.saving") : t("common.save")}
        </Button>
        <Button onClick={() => router.push(segment ? appPaths.segment(instanceId, segment.id) : appPaths.segments(instanceId))}>{t("common.cancel")}</Button>
      </div>
    </form>
  );
};

/** Create (segmentId null) or edit a segment: the rule builder with the size the rule would have now. */
export const SegmentEditor = ({ instanceId, segmentId }: { instanceId: string; segmentId: string | null }) => {
  const t = useT();
  const user = useCurrentUser();
  const config = useUnificationConfig(instanceId);
  const existing = useSegment(instanceId, segmentId);
  const segment = existing.data?.segment ?? null;
  const title = segmentId ? t("segments.editTitle") : t("segments.newTitle");
  const back = segmentId ? appPaths.segment(instanceId, segmentId) : appPaths.segments(instanceId);
  const loadError = config.error ?? existing.error;
  const ready = config.data && (!segmentId || segment);
  let body: React.ReactNode;
  if (user && !can(user.role, "editSegments")) {
    body = (
      <EmptyState
        icon={<LockClosedRegular />}
        title={t("auth.notAllowed.title")}
        body={t("auth.notAllowed.body", { role: user.role ? t(`role.${user.role}`) : t("role.none") })}
      />
    );
  } else if (loadError && !ready) {
    body = (
      <ErrorBar
        error={loadError}
        onRetry={() => {
          void config.mutate();
          void existing.mutate();
        }}
      />
    );
  } else if (!ready || !user) {
    body = <TableSkeleton />;
  } else {
    body = <SegmentForm key={segment?.id ?? "new"} instanceId={instanceId} attributes={config.data!.attributes} segment={segment} />;
  }
  return (
    <>
      <PageHeader title={segment ? `${title}: ${segment.name}` : title} subtitle={<AppLink href={back}>{segmentId ? t("segments.backToSegment") : t("segments.backToList")}</AppLink>} />
      {body}
    </>
  );
};
