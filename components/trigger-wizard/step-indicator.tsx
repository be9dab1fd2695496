"use client";

import { mergeClasses } from "@fluentui/react-components";
import { CheckmarkRegular } from "@fluentui/react-icons/svg/checkmark";
import { Fragment } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import { useStepIndicatorStyles } from "./trigger-wizard.styles";

export const StepIndicator = ({ steps, current }: { steps: string[]; current: number }) => {
  const styles = useStepIndicatorStyles();
  const t = useT();
  return (
    <ol className={styles.list} aria-label={t("wizard.steps")}>
      {steps.map((label, index) => {
        const state = index < current ? "done" : index === current ? "current" : "todo";
        return (
          <Fragment key={label}>
            {index > 0 ? <li aria-hidden className={styles.separator} /> : null}
            <li
              className={mergeClasses(styles.item, state === "current" && styles.current, state === "done" && styles.done)}
              aria-current={state === "current" ? "step" : undefined}
            >
              <span
                aria-hidden
                className={mergeClasses(styles.marker, state === "current" && styles.markerCurrent, state === "done" && styles.markerDone)}
              >
                {state === "done" ? <CheckmarkRegular /> : index + 1}
              </span>
              <span>
                {label}
                {state === "done" ? <span className="visually-hidden">{` (${t("wizard.step.completed")})`}</span> : null}
              </span>
            </li>
          </Fragment>
        );
      })}
    </ol>
  );
};
