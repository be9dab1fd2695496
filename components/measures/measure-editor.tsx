"use client";

import { Button, Field, Input, Select, Spinner, Textarea } from "@fluentui/react-components";
import { LockClosedRegular } from "@fluentui/react-icons/svg/lock-closed";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AppLink } from "@/components/common/app-link";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorBar } from "@/components/common/error-bar";
import { useInsightsStyles } from "@/components/common/insights.styles";
import { PageHeader } from "@/components/common/page-header";
import { serverFieldErrors } from "@/components/common/server-field-errors";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { attributeLabel } from "@/components/unify/attribute-label";
import { useT } from "@/lib/i18n/i18n-provider";
import { aggregationAppliesTo, measureAggregations, type TMeasureAggregation } from "@/lib/measures/measure-vocabulary";
import type { TMeasure, TMeasureDetail } from "@/lib/measures/schemas";
import type { TSegment } from "@/lib/segments/schemas";
import type { TAttributeDefinition } from "@/lib/unification/schemas";
import { apiPatch, apiPost } from "@/lib/ui/api-client";
import { useMeasure, useSegments, useUnificationConfig } from "@/lib/ui/api-hooks";
import { apiPaths, appPaths } from "@/lib/ui/api-paths";
import { useCurrentUser } from "@/lib/ui/auth/current-user";
import { can } from "@/lib/ui/auth/permissions";

type FormProps = { instanceId: string; attributes: TAttributeDefinition[]; segments: TSegment[]; measure: TMeasureDetail | null };

const MeasureForm = ({ instanceId, attributes, segments, measure }: FormProps) => {
  const styles = useInsightsStyles();
  const t = useT();
  const router = useRouter();
  const [name, setName] = useState(measure?.name ?? "");
  const [description, setDescription] = useState(measure?.description ?? "");
  const [aggregation, setAggregation] = useState<TMeasureAggregation>(measure?.aggregation ?? "count");
  // "": no attribute (count counts profiles).
  const [attribute, setAttribute] = useState(measure?.attribute ?? "");
  const [segmentId, setSegmentId] = useState(measure?.segmentId ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const fitting = attributes.filter((candidate) => aggregationAppliesTo(aggregation, candidate.type));

  // A save's error at a field is dropped once that field changes.
  const clearError = (field: string) =>
    setErrors((current) => {
      if (!(field in current)) return current;
      const { [field]: _dropped, ...rest } = current;
      return rest;
    });

  const changed = (field: string, set: (value: string) => void) => (_: unknown, data: { value: string }) => {
    set(data.value);
    clearError(field);
  };

  const chooseAggregation = (next: TMeasureAggregation) => {
    setAggregation(next);
    clearError("aggregation");
    // An attribute the new aggregation does not take is dropped rather than sent to be refused.
    const current = attributes.find((candidate) => candidate.name === attribute);
    if (current && !aggregationAppliesTo(next, current.type)) {
      setAttribute("");
      clearError("attribute");
    }
  };

  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      const body = { name, description, aggregation, attribute: attribute || null, segmentId: segmentId || null };
      const saved = measure
        ? await apiPatch<{ measure: TMeasure }>(apiPaths.measure(instanceId, measure.id), body)
        : await apiPost<{ measure: TMeasure }>(apiPaths.measures(instanceId), body);
      router.push(appPaths.measure(instanceId, saved.measure.id));
    } catch (error) {
      const fields = serverFieldErrors(error, t);
      setErrors(fields ?? {});
      if (!fields) setFailure(error);
      setSaving(false);
    }
  };

  return (
    <form
      className={styles.stack}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {failure ? <ErrorBar error={failure} title={t("measures.saveFailed")} /> : null}
      <div className={styles.panel}>
        <Field label={t("measures.name")} required validationMessage={errors.name} className={styles.field}>
          <Input value={name} onChange={changed("name", setName)} />
        </Field>
        <Field label={t("measures.description")} validationMessage={errors.description} className={styles.field}>
          <Textarea value={description} resize="vertical" onChange={changed("description", setDescription)} />
        </Field>
        <Field label={t("measures.colAggregation")} validationMessage={errors.aggregation} className={styles.field}>
          <Select value={aggregation} onChange={(_, data) => chooseAggregation(data.value as TMeasureAggregation)}>
            {measureAggregations.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`measures.aggregation.${candidate}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("measures.colAttribute")} hint={t("measures.attributeHint")} validationMessage={errors.attribute} className={styles.field}>
          <Select value={attribute} onChange={changed("attribute", setAttribute)}>
            <option value="">{aggregation === "count" ? t("measures.countEveryProfile") : t("measures.chooseAttribute")}</option>
            {fitting.map((candidate) => (
              <option key={candidate.name} value={candidate.name}>
                {t("segments.rule.attributeOption", { name: attributeLabel(candidate.name, t), type: t(`segments.type.${candidate.type}`) })}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("measures.colSegment")} validationMessage={errors.segmentId} className={styles.field}>
          <Select value={segmentId} onChange={changed("segmentId", setSegmentId)}>
            <option value="">{t("measures.allProfiles")}</option>
            {segments.map((segment) => (
              <option key={segment.id} value={segment.id}>
                {segment.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={saving} icon={saving ? <Spinner size="tiny" /> : undefined}>
          {saving ? t("measures.saving") : t("common.save")}
        </Button>
        <Button onClick={() => router.push(measure ? appPaths.measure(instanceId, measure.id) : appPaths.measures(instanceId))}>{t("common.cancel")}</Button>
      </div>
    </form>
  );
};

/** Create (measureId null) or edit a business measure. */
export const MeasureEditor = ({ instanceId, measureId }: { instanceId: string; measureId: string | null }) => {
  const t = useT();
  const user = useCurrentUser();
  const config = useUnificationConfig(instanceId);
  const segments = useSegments(instanceId);
  const existing = useMeasure(instanceId, measureId);
  const measure = existing.data?.measure ?? null;
  const title = measureId ? t("measures.editTitle") : t("measures.newTitle");
  const back = measureId ? appPaths.measure(instanceId, measureId) : appPaths.measures(instanceId);
  const loadError = config.error ?? segments.error ?? existing.error;
  const ready = config.data && segments.data && (!measureId || measure);
  let body: React.ReactNode;
  if (user && !can(user.role, "editMeasures")) {
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
          void segments.mutate();
          void existing.mutate();
        }}
      />
    );
  } else if (!ready || !user) {
    body = <TableSkeleton />;
  } else {
    body = (
      <MeasureForm
        key={measure?.id ?? "new"}
        instanceId={instanceId}
        attributes={config.data!.attributes}
        segments={segments.data!.segments}
        measure={measure}
      />
    );
  }
  return (
    <>
      <PageHeader
        title={measure ? `${title}: ${measure.name}` : title}
        subtitle={<AppLink href={back}>{measureId ? t("measures.backToMeasure") : t("measures.backToList")}</AppLink>}
      />
      {body}
    </>
  );
};
