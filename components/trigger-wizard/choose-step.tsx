"use client";

import { Field, Radio, RadioGroup } from "@fluentui/react-components";
import { useT } from "@/lib/i18n/i18n-provider";
import { type TTriggerType, triggerVocabulary } from "@/lib/triggers/types/vocabulary";
import { useWizardStyles } from "./trigger-wizard.styles";
import { wizardTriggerTypes } from "./wizard-state";

export const ChooseStep = ({ value, error, onChange }: { value: TTriggerType; error?: string; onChange: (type: TTriggerType) => void }) => {
  const styles = useWizardStyles();
  const t = useT();
  return (
    <Field label={t("wizard.choose.legend")} validationMessage={error} required>
      <RadioGroup value={value} onChange={(_, data) => onChange(data.value as TTriggerType)}>
        {wizardTriggerTypes.map((type) => (
          <Radio
            key={type}
            value={type}
            label={
              <span className={styles.radioLabel}>
                {t(triggerVocabulary[type].catalog.name)}
                <span className={styles.radioDescription}>{t(triggerVocabulary[type].catalog.description)}</span>
              </span>
            }
          />
        ))}
      </RadioGroup>
    </Field>
  );
};
