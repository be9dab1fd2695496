"use client";

import { Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Radio, RadioGroup, SkeletonItem } from "@fluentui/react-components";
import { AppLink } from "@/components/common/app-link";
import { ErrorBar } from "@/components/common/error-bar";
import { type HysteresisChoice, hysteresisChoices, usableParameters, thresholdParameters } from "@/components/thresholds/threshold-draft";
import { type Computation, formatValue, historyPoints, type ValueKind } from "@/components/thresholds/threshold-values";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { thresholdDirections, type ThresholdDirection } from "@/lib/triggers/thresholds/crossing";
import type { ApiError } from "@/lib/ui/api-client";
import { useMeasure, useMeasures, useSegment, useSegments } from "@/lib/ui/api-hooks";
import { appPaths } from "@/lib/ui/api-paths";
import { ThresholdHistory } from "./threshold-history";
import type { FieldErrors, WizardDraft } from "./wizard-state";

// The configure fields of the two threshold types: which segment or measure, the threshold with
// the subject's current value next to it, the direction, the re-arm margin, and the last runs
// with what the trigger would have done over them.

/** How many of the latest computations the chart and the back-test replay. */
export const HISTORY_RUNS = 20;

type Subject = { id: string; name: string; valueKind: ValueKind; value: number | null; computedAt: string | null };

type SubjectData = {
  list: Subject[] | undefined;
  listError: ApiError | undefined;
  retry: () => void;
  /** The chosen subject's computations, newest first (undefined while loading or none chosen). */
  computations: Computation[] | undefined;
  detailError: ApiError | undefined;
};

const useSegmentData = (instanceId: string, segmentId: string | null, enabled: boolean): SubjectData => {
  const list = useSegments(instanceId, enabled);
  const detail = useSegment(instanceId, enabled ? segmentId : null);
  return {
    list: list.data?.segments.map((segment) => ({ id: segment.id, name: segment.name, valueKind: "count", value: segment.size, computedAt: segment.computedAt })),
    listError: list.error,
    retry: () => void list.mutate(),
    computations: detail.data?.segment.computations.map((computation) => ({ value: computation.size, computedAt: computation.computedAt })),
    detailError: detail.error,
  };
};

const useMeasureData = (instanceId: string, measureId: string | null, enabled: boolean): SubjectData => {
  const list = useMeasures(instanceId, enabled);
  const detail = useMeasure(instanceId, enabled ? measureId : null);
  return {
    list: list.data?.measures.map((measure) => ({ id: measure.id, name: measure.name, valueKind: measure.valueKind, value: measure.value, computedAt: measure.computedAt })),
    listError: list.error,
    retry: () => void list.mutate(),
    computations: detail.data?.measure.computations,
    detailError: detail.error,
  };
};

type Props = {
  kind: "segment" | "measure";
  instanceId: string;
  draft: WizardDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<WizardDraft>) => void;
};

export const ThresholdFields = ({ kind, instanceId, draft, errors, onChange }: Props) => {
  const t = useT();
  const format = useFormat();
  const segmentData = useSegmentData(instanceId, draft.segmentId, kind === "segment");
  const measureData = useMeasureData(instanceId, draft.measureId, kind === "measure");
  const data = kind === "segment" ? segmentData : measureData;
  const chosenId = kind === "segment" ? draft.segmentId : draft.measureId;
  const chosen = data.list?.find((subject) => subject.id === chosenId);
  const valueKind: ValueKind = kind === "segment" ? "count" : draft.valueKind;
  const parameters = usableParameters(thresholdParameters(draft, valueKind));

  const choose = (id: string) => {
    const subject = data.list?.find((item) => item.id === id);
    if (kind === "segment") return onChange({ segmentId: id, valueKind: "count" });
    const nextKind = subject?.valueKind ?? "number";
    // A day and a number are typed differently: a threshold of the other kind would not read.
    const kindChanged = (nextKind === "date") !== (draft.valueKind === "date");
    onChange({ measureId: id, valueKind: nextKind, ...(kindChanged ? { threshold: "", hysteresisValue: "" } : {}) });
  };

  const current = !chosen
    ? undefined
    : chosen.computedAt === null
      ? t("wizard.threshold.notComputed")
      : chosen.value === null
        ? t("wizard.threshold.noValue")
        : t("wizard.threshold.current", { value: formatValue(chosen.value, valueKind, format), when: format.dateTime(chosen.computedAt) });

  const marginLabel =
    draft.hysteresisKind === "percent"
      ? t("wizard.threshold.margin.percent")
      : valueKind === "date"
        ? t("wizard.threshold.margin.days")
        : t("wizard.threshold.margin.absolute");

  return (
    <>
      {data.listError ? <ErrorBar error={data.listError} onRetry={data.retry} /> : null}
      <Field
        label={t(`wizard.configure.${kind}`)}
        hint={t(`wizard.configure.${kind}Hint`)}
        validationMessage={errors[`parameters.${kind}Id`]}
        required
      >
        {data.list ? (
          <Dropdown
            value={chosen?.name ?? chosenId ?? ""}
            placeholder={t(kind === "segment" ? "wizard.configure.chooseSegment" : "wizard.configure.chooseMeasure")}
            selectedOptions={chosenId ? [chosenId] : []}
            onOptionSelect={(_, option) => (option.optionValue ? choose(option.optionValue) : undefined)}
          >
            {data.list.map((subject) => (
              <Option key={subject.id} value={subject.id}>
                {subject.name}
              </Option>
            ))}
          </Dropdown>
        ) : (
          <SkeletonItem size={32} aria-label={t("app.loading")} />
        )}
      </Field>
      {data.list && data.list.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>
            {t(kind === "segment" ? "wizard.configure.noSegments" : "wizard.configure.noMeasures")}{" "}
            <AppLink href={kind === "segment" ? appPaths.segments(instanceId) : appPaths.measures(instanceId)}>
              {t(kind === "segment" ? "wizard.configure.createSegment" : "wizard.configure.createMeasure")}
            </AppLink>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label={t("wizard.threshold.label")} hint={current} validationMessage={errors["parameters.threshold"]} required>
        <Input
          type={valueKind === "date" ? "date" : "text"}
          inputMode={valueKind === "date" ? undefined : "decimal"}
          autoComplete="off"
          value={draft.threshold}
          onChange={(_, input) => onChange({ threshold: input.value })}
        />
      </Field>
      <Field label={t("wizard.threshold.direction")} validationMessage={errors["parameters.direction"]}>
        <RadioGroup value={draft.direction} onChange={(_, input) => onChange({ direction: input.value as ThresholdDirection })}>
          {thresholdDirections.map((direction) => (
            <Radio key={direction} value={direction} label={t(`wizard.threshold.direction.${direction}`)} />
          ))}
        </RadioGroup>
      </Field>
      <Field label={t("wizard.threshold.hysteresis")} hint={t("wizard.threshold.hysteresisHint")} validationMessage={errors["parameters.hysteresis"]}>
        <RadioGroup layout="horizontal" value={draft.hysteresisKind} onChange={(_, input) => onChange({ hysteresisKind: input.value as HysteresisChoice })}>
          {hysteresisChoices.map((choice) => (
            <Radio key={choice} value={choice} label={t(`wizard.threshold.hysteresis.${choice}`)} />
          ))}
        </RadioGroup>
      </Field>
      {draft.hysteresisKind !== "none" ? (
        <Field label={marginLabel} validationMessage={errors["parameters.hysteresis.value"]} required>
          <Input inputMode="decimal" autoComplete="off" value={draft.hysteresisValue} onChange={(_, input) => onChange({ hysteresisValue: input.value })} />
        </Field>
      ) : null}
      {data.detailError ? <ErrorBar error={data.detailError} /> : null}
      {chosen ? (
        <ThresholdHistory
          subjectName={chosen.name}
          points={data.computations ? historyPoints(data.computations, HISTORY_RUNS) : undefined}
          kind={valueKind}
          parameters={parameters}
        />
      ) : null}
    </>
  );
};
