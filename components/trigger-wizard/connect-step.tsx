"use client";

import { Body1, Dropdown, Field, Input, Option, Radio, RadioGroup } from "@fluentui/react-components";
import { LinkRegular } from "@fluentui/react-icons/svg/link";
import { ErrorBar } from "@/components/common/error-bar";
import { useT } from "@/lib/i18n/i18n-provider";
import { useDestinations } from "@/lib/ui/api-hooks";
import type { TDestinationType } from "@/lib/triggers/schemas";
import type { TTriggerType } from "@/lib/triggers/types/vocabulary";
import { PowerAutomateHandoff } from "./power-automate-handoff";
import { useWizardStyles } from "./trigger-wizard.styles";
import { type ConnectMode, connectModes, type EndpointKind, endpointKinds } from "./wizard-state";

type Patch = { callbackUrl: string } | { connectMode: ConnectMode } | { endpointKind: EndpointKind } | { destinationId: string; destinationName: string };

type Props = {
  instanceId: string;
  destinationType: TDestinationType;
  type: TTriggerType;
  connectMode: ConnectMode;
  endpointKind: EndpointKind;
  destinationId: string | null;
  powerAutomateUrl: string;
  callbackUrl: string;
  error?: string;
  destinationError?: string;
  onChange: (patch: Patch) => void;
};

/** The export destinations of the tile's type the user may use, to choose from. */
const DestinationChoice = ({ instanceId, destinationType, destinationId, error, onChange }: Pick<Props, "instanceId" | "destinationType" | "destinationId" | "onChange"> & { error?: string }) => {
  const t = useT();
  const { data, error: loadError, mutate } = useDestinations(instanceId);
  if (loadError && !data) return <ErrorBar error={loadError} onRetry={() => void mutate()} />;
  const usable = data?.destinations.filter((destination) => destination.type === destinationType);
  const chosen = usable?.find((destination) => destination.id === destinationId);
  return (
    <Field
      label={t("wizard.connect.destinationLabel")}
      required
      validationMessage={error ?? (usable && usable.length === 0 ? t("wizard.connect.noDestinations") : undefined)}
      validationState={error ? "error" : usable && usable.length === 0 ? "warning" : undefined}
    >
      <Dropdown
        placeholder={t("wizard.connect.destinationPlaceholder")}
        disabled={!usable || usable.length === 0}
        value={chosen?.displayName ?? ""}
        selectedOptions={destinationId ? [destinationId] : []}
        onOptionSelect={(_, data) => {
          const picked = usable?.find((destination) => destination.id === data.optionValue);
          if (picked) onChange({ destinationId: picked.id, destinationName: picked.displayName });
        }}
      >
        {(usable ?? []).map((destination) => (
          <Option key={destination.id} value={destination.id}>
            {destination.displayName}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
};

export const ConnectStep = ({
  instanceId,
  destinationType,
  type,
  connectMode,
  endpointKind,
  destinationId,
  powerAutomateUrl,
  callbackUrl,
  error,
  destinationError,
  onChange,
}: Props) => {
  const styles = useWizardStyles();
  const t = useT();
  const urlField = (
    <Field label={t("wizard.connect.urlLabel")} validationMessage={error} required>
      <Input
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder={t("wizard.connect.urlPlaceholder")}
        contentBefore={<LinkRegular aria-hidden />}
        value={callbackUrl}
        onChange={(_, data) => onChange({ callbackUrl: data.value })}
      />
    </Field>
  );
  // An endpoint: a shared export destination of the tile's type, or a new URL.
  const endpoint = (
    <>
      <Body1 as="p" className={styles.help}>
        {t(`wizard.connect.help.${destinationType}`)}
      </Body1>
      <Field label={t("wizard.connect.endpointKindLabel")}>
        <RadioGroup value={endpointKind} onChange={(_, data) => onChange({ endpointKind: data.value as EndpointKind })}>
          {endpointKinds.map((kind) => (
            <Radio key={kind} value={kind} label={t(`wizard.connect.endpointKind.${kind}`)} />
          ))}
        </RadioGroup>
      </Field>
      {endpointKind === "destination" ? (
        <DestinationChoice instanceId={instanceId} destinationType={destinationType} destinationId={destinationId} error={destinationError} onChange={onChange} />
      ) : (
        urlField
      )}
    </>
  );
  if (destinationType !== "powerAutomate") return endpoint;
  return (
    <>
      <Field label={t("wizard.connect.modeLabel")}>
        <RadioGroup value={connectMode} onChange={(_, data) => onChange({ connectMode: data.value as ConnectMode })}>
          {connectModes.map((mode) => (
            <Radio
              key={mode}
              value={mode}
              label={{
                className: styles.radioLabel,
                children: (
                  <>
                    {t(`wizard.connect.mode.${mode}`)}
                    <span className={styles.radioDescription}>{t(`wizard.connect.mode.${mode}.description`)}</span>
                  </>
                ),
              }}
            />
          ))}
        </RadioGroup>
      </Field>
      {connectMode === "handoff" ? <PowerAutomateHandoff instanceId={instanceId} type={type} powerAutomateUrl={powerAutomateUrl} /> : endpoint}
    </>
  );
};
