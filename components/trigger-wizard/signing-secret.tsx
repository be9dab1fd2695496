"use client";

import { Body1, Input, Label, useId } from "@fluentui/react-components";
import { KeyRegular } from "@fluentui/react-icons/svg/key";
import { CopyButton } from "@/components/common/copy-button";
import { useT } from "@/lib/i18n/i18n-provider";
import { useWizardStyles } from "./trigger-wizard.styles";

/** The secret is returned once; it is never readable again, so say so next to it. */
export const SigningSecret = ({ secret }: { secret: string }) => {
  const styles = useWizardStyles();
  const t = useT();
  const id = useId("signing-secret");
  return (
    <div className={styles.secretBox}>
      <Label htmlFor={id} weight="semibold">
        {t("secret.label")}
      </Label>
      <div className={styles.secretRow}>
        <Input id={id} className={styles.secretValue} readOnly value={secret} contentBefore={<KeyRegular aria-hidden />} />
        <CopyButton value={secret} label={t("secret.copyLabel")} />
      </div>
      <Body1 as="p" className={styles.help}>
        {t("secret.explanation")}
      </Body1>
    </div>
  );
};
