"use client";

import { Button, Combobox, Field, Input, mergeClasses, MessageBar, MessageBarBody, Option, Spinner, Switch } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons/svg/add";
import { DeleteRegular } from "@fluentui/react-icons/svg/delete";
import { SaveRegular } from "@fluentui/react-icons/svg/save";
import { useEffect, useMemo, useRef, useState } from "react";
import { useInsightsStyles } from "@/components/common/insights.styles";
import { ErrorBar } from "@/components/common/error-bar";
import { preloadOn } from "@/components/common/preload";
import { serverFieldErrors } from "@/components/common/server-field-errors";
import { useRemovalFocus } from "@/components/common/use-removal-focus";
import { useLocale, useT } from "@/lib/i18n/i18n-provider";
import { fieldErrors } from "@/lib/i18n/zod-messages";
import { MAX_CRON_EXPRESSIONS } from "@/lib/refresh-jobs/schedule/cron";
import type { TRefreshSchedule } from "@/lib/refresh-jobs/schedule/schemas";
import { apiPut } from "@/lib/ui/api-client";
import { apiPaths } from "@/lib/ui/api-paths";
import { filterTimeZones, formToInput, newExpression, type ScheduleForm, scheduleToForm, timeZoneOptions } from "./schedule-form";
import { previewRunTimes } from "./schedule-preview";
import { useSystemStyles } from "./system.styles";

type Props = {
  instanceId: string;
  schedule: TRefreshSchedule;
  canEdit: boolean;
  onSaved: (schedule: TRefreshSchedule) => void;
};

// The schema check (zod) loads with Save, when it is hovered or focused: the preview needs none of it.
const loadCheck = () => import("@/lib/refresh-jobs/schedule/schemas");

const userTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The full refresh schedule: on or off, its cron expressions and time zone, and the next five run
 * times in the user's zone, worked out here as it is edited. Loaded after the screen (croner and
 * the schema check come with it).
 */
export default function ScheduleEditor({ instanceId, schedule, canEdit, onSaved }: Props) {
  const styles = useSystemStyles();
  const layout = useInsightsStyles();
  const t = useT();
  const locale = useLocale();
  const [form, setForm] = useState<ScheduleForm>(() => scheduleToForm(schedule, userTimeZone()));
  const [zoneQuery, setZoneQuery] = useState(form.timeZone);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [now, setNow] = useState(() => new Date());
  // The preview moves on as time passes: a time that has gone by drops off.
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const zones = useMemo(() => timeZoneOptions(schedule.timeZone, form.timeZone), [schedule.timeZone, form.timeZone]);
  // The whole list while the field shows the chosen zone; the matches once something else is typed.
  const shownZones = zoneQuery === form.timeZone ? zones : filterTimeZones(zones, zoneQuery);
  const input = useMemo(() => formToInput(form), [form]);
  const preview = useMemo(() => previewRunTimes(input, now), [input, now]);
  const viewerZone = userTimeZone();
  const inViewerZone = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short" }), [locale]);
  const inScheduleZone = useMemo(() => {
    try {
      return new Intl.DateTimeFormat(locale, { timeStyle: "short", dateStyle: "medium", timeZone: input.timeZone });
    } catch {
      return null;
    }
  }, [locale, input.timeZone]);

  const edit = (change: (current: ScheduleForm) => ScheduleForm, clear: string[]) => {
    setForm(change);
    setSaved(false);
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([path]) => !clear.includes(path))));
  };
  const setExpression = (index: number, value: string) =>
    edit((current) => ({ ...current, expressions: current.expressions.map((expression, i) => (i === index ? { ...expression, value } : expression)) }), [`cronExpressions.${index}`, "cronExpressions"]);
  // Errors are keyed by position: removing an expression moves the ones after it, so their errors go.
  const removeExpression = (index: number) =>
    edit(
      (current) => ({ ...current, expressions: current.expressions.filter((_, i) => i !== index) }),
      Object.keys(errors).filter((path) => path.startsWith("cronExpressions")),
    );
  const addButton = useRef<HTMLButtonElement>(null);
  const removal = useRemovalFocus(
    form.expressions.map((expression) => expression.key),
    addButton,
  );
  const addExpression = () => {
    edit((current) => ({ ...current, expressions: [...current.expressions, newExpression()] }), ["cronExpressions"]);
    // The new field takes the focus, as a keyboard user expects to type in it next.
    setTimeout(() => document.getElementById(`schedule-cron-${form.expressions.length}`)?.focus(), 0);
  };
  const chooseZone = (zone: string) => {
    setZoneQuery(zone);
    edit((current) => ({ ...current, timeZone: zone }), ["timeZone"]);
  };

  const save = async () => {
    setFailure(null);
    setSaved(false);
    const { ZRefreshScheduleInput } = await loadCheck();
    const check = ZRefreshScheduleInput.safeParse(input);
    if (!check.success) {
      setErrors(fieldErrors(check.error, t));
      return;
    }
    setSaving(true);
    try {
      const { schedule: next } = await apiPut<{ schedule: TRefreshSchedule }>(apiPaths.refreshSchedule(instanceId), check.data);
      onSaved(next);
      setForm(scheduleToForm(next, userTimeZone()));
      setZoneQuery(next.timeZone);
      setErrors({});
      setSaved(true);
    } catch (error) {
      const fields = serverFieldErrors(error, t);
      if (fields) setErrors(fields);
      else setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const listError = errors.cronExpressions;
  const otherErrors = Object.entries(errors).filter(([path]) => path !== "timeZone" && path !== "cronExpressions" && !path.startsWith("cronExpressions."));

  return (
    <div className={layout.stack}>
      <Switch
        label={t("system.schedule.enabled")}
        checked={form.enabled}
        disabled={!canEdit}
        onChange={(_, data) => edit((current) => ({ ...current, enabled: data.checked }), ["enabled"])}
      />
      <fieldset className={mergeClasses(layout.stack, styles.fieldset)}>
        <legend className={layout.sectionTitle}>{t("system.schedule.expressions")}</legend>
        <p className={styles.hint} id="schedule-cron-hint">
          {t("system.schedule.expressionsHint")}
        </p>
        <ol className={styles.expressions}>
          {form.expressions.map((expression, index) => {
            const label = t("system.schedule.expression", { number: index + 1 });
            const error = errors[`cronExpressions.${index}`];
            return (
              <li key={expression.key} className={styles.expression}>
                <Field className={styles.expressionField} label={label} validationMessage={error} validationState={error ? "error" : "none"}>
                  <Input
                    id={`schedule-cron-${index}`}
                    className={styles.code}
                    value={expression.value}
                    readOnly={!canEdit}
                    placeholder="0 2 * * *"
                    aria-describedby="schedule-cron-hint"
                    onChange={(_, data) => setExpression(index, data.value)}
                  />
                </Field>
                {canEdit && form.expressions.length > 1 ? (
                  <Button
                    className={styles.removeButton}
                    appearance="subtle"
                    icon={<DeleteRegular />}
                    aria-label={t("system.schedule.removeExpression", { number: index + 1 })}
                    ref={removal.removeButton(expression.key)}
                    onClick={() => {
                      removal.removing(expression.key);
                      removeExpression(index);
                    }}
                  />
                ) : null}
              </li>
            );
          })}
        </ol>
        {listError ? (
          <p className={styles.hint} role="alert">
            {listError}
          </p>
        ) : null}
        {canEdit && form.expressions.length < MAX_CRON_EXPRESSIONS ? (
          <div>
            <Button ref={addButton} icon={<AddRegular />} onClick={addExpression}>
              {t("system.schedule.addExpression")}
            </Button>
          </div>
        ) : null}
      </fieldset>
      <Field
        className={styles.field}
        label={t("system.schedule.timeZone")}
        hint={t("system.schedule.timeZoneHint", { zone: viewerZone })}
        validationMessage={errors.timeZone}
        validationState={errors.timeZone ? "error" : "none"}
      >
        <Combobox
          value={zoneQuery}
          selectedOptions={[form.timeZone]}
          disabled={!canEdit}
          onChange={(event) => setZoneQuery(event.target.value)}
          onOptionSelect={(_, data) => (data.optionValue ? chooseZone(data.optionValue) : undefined)}
          // Leaving the field without choosing puts the chosen zone back.
          onBlur={() => setZoneQuery(form.timeZone)}
        >
          {shownZones.length > 0 ? (
            shownZones.map((zone) => (
              <Option key={zone} value={zone}>
                {zone}
              </Option>
            ))
          ) : (
            <Option key="none" value="" disabled>
              {t("system.schedule.noZone")}
            </Option>
          )}
        </Combobox>
      </Field>
      <section aria-labelledby="schedule-next-runs" className={layout.stack}>
        <h3 id="schedule-next-runs" className={layout.sectionTitle}>
          {t("system.schedule.nextRuns", { zone: viewerZone })}
        </h3>
        {!form.enabled ? <p className={styles.hint}>{t("system.schedule.offHint")}</p> : null}
        {preview.invalid.length > 0 && preview.invalid.length < form.expressions.length ? (
          <p className={styles.hint}>{t("system.schedule.invalidLeftOut", { numbers: preview.invalid.map((index) => index + 1).join(", ") })}</p>
        ) : null}
        {preview.times.length > 0 ? (
          <ol className={styles.runTimes} aria-label={t("system.schedule.nextRunsList")}>
            {preview.times.map((time) => (
              <li key={time.getTime()}>
                {inViewerZone.format(time)}
                {inScheduleZone && input.timeZone !== viewerZone ? (
                  <span className={layout.muted}> · {t("system.schedule.inZone", { time: inScheduleZone.format(time), zone: input.timeZone })}</span>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className={layout.muted}>{t("system.schedule.noRuns")}</p>
        )}
      </section>
      <div aria-live="polite" className={styles.messages}>
        {failure ? <ErrorBar error={failure} title={t("system.schedule.saveFailed")} /> : null}
        {Object.keys(errors).length > 0 ? (
          <MessageBar intent="error">
            <MessageBarBody>
              {t("system.schedule.fieldsNeedAttention", { count: Object.keys(errors).length })}
              {otherErrors.length > 0 ? ` ${otherErrors.map(([, message]) => message).join(" ")}` : ""}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {saved ? (
          <MessageBar intent="success">
            <MessageBarBody>{t("system.schedule.saved")}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {canEdit ? (
        <div>
          <Button appearance="primary" icon={saving ? <Spinner size="extra-tiny" /> : <SaveRegular />} disabledFocusable={saving}
            onPointerEnter={preloadOn(loadCheck)}
            onFocus={preloadOn(loadCheck)}
            onClick={() => void save()}
          >
            {t("system.schedule.save")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
