"use client";

import { Body1, Field, Input, Radio, RadioGroup } from "@fluentui/react-components";
import { LinkRegular } from "@fluentui/react-icons/svg/link";
import { useT } from "@/lib/i18n/i18n-provider";
import type { TDestinationType } from "@/lib/triggers/schemas";
import type { TTriggerType } from "@/lib/triggers/types/vocabulary";
import { PowerAutomateHandoff } from "./power-automate-handoff";
import { useWizardStyles } from "./trigger-wizard.styles";
import { type ConnectMode, connectModes } from "./wizard-state";

type Props = {
  instanceId: string;
  destinationType: TDestinationType;
  type: TTriggerType;
  connectMode: ConnectMode;
  powerAutomateUrl: string;
  callbackUrl: string;
  error?: string;
  onChange: (patch: { callbackUrl: string } | { connectMode: ConnectMode }) => void;
};

export const ConnectStep = ({ instanceId, destinationType, type, connectMode, powerAutomateUrl, callbackUrl, error, onChange }: Props) => {
  const styles = useWizardStyles();
  const t = useT();
  const urlField = (
    <>
      <Body1 as="p" className={styles.help}>
        {t(`wizard.connect.help.${destinationType}`)}
      </Body1>
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
    </>
  );
  if (destinationType !== "powerAutomate") return urlField;
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
      {connectMode === "handoff" ? <PowerAutomateHandoff instanceId={instanceId} type={type} powerAutomateUrl={powerAutomateUrl} /> : urlField}
    </>
  );
};
