"use client";

import { Dropdown, Field, Input, MessageBar, MessageBarBody, Option, SkeletonItem } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { ErrorBar } from "@/components/common/error-bar";
import { useT } from "@/lib/i18n/i18n-provider";
import type { TDataSource } from "@/lib/datasources/schemas";
import { subjectKindOf, type TSubjectKind } from "@/lib/triggers/types/vocabulary";
import type { ApiError } from "@/lib/ui/api-client";
import { ThresholdFields } from "./threshold-fields";
import type { FieldErrors, WizardDraft } from "./wizard-state";

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

export const ConfigureStep = (props: Props) => {
  const t = useT();
  const SubjectFields = subjectFields[subjectKindOf(props.draft.type)];
  return (
    <>
      {SubjectFields ? <SubjectFields {...props} /> : null}
      <Field label={t("wizard.configure.displayName")} hint={t("wizard.configure.displayNameHint")} validationMessage={props.errors.displayName} required>
        <Input value={props.draft.displayName} maxLength={200} onChange={(_, data) => props.onDisplayNameChange(data.value)} />
      </Field>
    </>
  );
};
