"use client";

import { Field, Radio, RadioGroup } from "@fluentui/react-components";
import { useT } from "@/lib/i18n/i18n-provider";
import { triggerTypes } from "@/lib/triggers/trigger-kinds";
import type { TTriggerType } from "@/lib/triggers/schemas";
import { useWizardStyles } from "./trigger-wizard.styles";

export const ChooseStep = ({ value, error, onChange }: { value: TTriggerType; error?: string; onChange: (type: TTriggerType) => void }) => {
  const styles = useWizardStyles();
  const t = useT();
  return (
    <Field label={t("wizard.choose.legend")} validationMessage={error} required>
      <RadioGroup value={value} onChange={(_, data) => onChange(data.value as TTriggerType)}>
        {triggerTypes.map((type) => (
          <Radio
            key={type}
            value={type}
            label={
              <span className={styles.radioLabel}>
                {t(`triggerType.${type}`)}
                <span className={styles.radioDescription}>{t(`triggerType.${type}.description`)}</span>
              </span>
            }
          />
        ))}
      </RadioGroup>
    </Field>
  );
};
