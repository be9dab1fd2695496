"use client";

import { Body1, Field, Input } from "@fluentui/react-components";
import { LinkRegular } from "@fluentui/react-icons/svg/link";
import { useT } from "@/lib/i18n/i18n-provider";
import type { TDestinationType } from "@/lib/triggers/schemas";
import { useWizardStyles } from "./trigger-wizard.styles";

type Props = { destinationType: TDestinationType; callbackUrl: string; error?: string; onChange: (url: string) => void };

export const ConnectStep = ({ destinationType, callbackUrl, error, onChange }: Props) => {
  const styles = useWizardStyles();
  const t = useT();
  return (
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
          onChange={(_, data) => onChange(data.value)}
        />
      </Field>
    </>
  );
};
