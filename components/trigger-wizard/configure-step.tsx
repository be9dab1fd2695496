"use client";

import { Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Radio, RadioGroup, SkeletonItem } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { ErrorBar } from "@/components/common/error-bar";
import { useT } from "@/lib/i18n/i18n-provider";
import type { TDataSource } from "@/lib/datasources/schemas";
import { subjectKindOf, type TSubjectKind, type TTriggerType } from "@/lib/triggers/types/vocabulary";
import type { ApiError } from "@/lib/ui/api-client";
import { ThresholdFields } from "./threshold-fields";
import { type FieldErrors, type SubmissionKindChoice, submissionKindChoices, type WizardDraft } from "./wizard-state";

const ANY = "__any__";

type Props = {
  instanceId: string;
  draft: WizardDraft;
  dataSources: TDataSource[] | undefined;
  dataSourcesError: ApiError | undefined;
  onRetry: () => void;
  errors: FieldErrors;
  onChange: (patch: Partial<WizardDraft>) => void;
  onDisplayNameChange: (name: string) => void;
};

const DataSourceField = (props: Props) => {
  const t = useT();
  const { dataSources } = props;
  const { dataSourceId } = props.draft;
  const selectedName = dataSourceId ? (dataSources?.find((ds) => ds.id === dataSourceId)?.name ?? dataSourceId) : t("wizard.configure.anyDataSource");
  return (
    <>
      {props.dataSourcesError ? <ErrorBar error={props.dataSourcesError} onRetry={props.onRetry} /> : null}
      <Field
        label={t("wizard.configure.dataSource")}
        hint={t("wizard.configure.dataSourceHint")}
        validationMessage={props.errors["parameters.dataSourceId"] ?? props.errors.parameters}
      >
        {dataSources ? (
          <Dropdown
            value={selectedName}
            selectedOptions={[dataSourceId ?? ANY]}
            onOptionSelect={(_, data) => props.onChange({ dataSourceId: !data.optionValue || data.optionValue === ANY ? null : data.optionValue })}
          >
            <Option value={ANY}>{t("wizard.configure.anyDataSource")}</Option>
            {dataSources.map((ds) => (
              <Option key={ds.id} value={ds.id}>
                {ds.name}
              </Option>
            ))}
          </Dropdown>
        ) : (
          <SkeletonItem size={32} aria-label={t("app.loading")} />
        )}
      </Field>
      {dataSources && dataSources.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>{t("wizard.configure.noDataSources")}</MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
};

/** The parameter fields of the chosen type, by what it watches; an instance trigger has none. */
const subjectFields: Record<TSubjectKind, ((props: Props) => ReactNode) | null> = {
  dataSource: DataSourceField,
  instance: null,
  segment: (props) => <ThresholdFields kind="segment" {...props} />,
  measure: (props) => <ThresholdFields kind="measure" {...props} />,
};

/** Which full refreshes a refresh.full.completed trigger listens to. */
const SubmissionKindField = ({ draft, errors, onChange }: Props) => {
  const t = useT();
  return (
    <Field label={t("wizard.configure.submissionKind")} hint={t("wizard.configure.submissionKindHint")} validationMessage={errors["parameters.submissionKind"]}>
      <RadioGroup value={draft.submissionKind} onChange={(_, data) => onChange({ submissionKind: data.value as SubmissionKindChoice })}>
        {submissionKindChoices.map((choice) => (
          <Radio key={choice} value={choice} label={t(`wizard.configure.submissionKind.${choice}`)} />
        ))}
      </RadioGroup>
    </Field>
  );
};

/** A type's own fields, after its subject's. */
const typeFields: Partial<Record<TTriggerType, (props: Props) => ReactNode>> = {
  "refresh.full.completed": SubmissionKindField,
};

export const ConfigureStep = (props: Props) => {
  const t = useT();
  const SubjectFields = subjectFields[subjectKindOf(props.draft.type)];
  const TypeFields = typeFields[props.draft.type];
  return (
    <>
      {SubjectFields ? <SubjectFields {...props} /> : null}
      {TypeFields ? <TypeFields {...props} /> : null}
      <Field label={t("wizard.configure.displayName")} hint={t("wizard.configure.displayNameHint")} validationMessage={props.errors.displayName} required>
        <Input value={props.draft.displayName} maxLength={200} onChange={(_, data) => props.onDisplayNameChange(data.value)} />
      </Field>
    </>
  );
};
