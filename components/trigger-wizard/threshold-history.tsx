"use client";

import { Caption1, makeStyles, Spinner, tokens, typographyStyles } from "@fluentui/react-components";
import { lazy, Suspense, useId } from "react";
import { describeBacktest } from "@/components/thresholds/threshold-words";
import { backtestHistory, formatValue, type HistoryPoint, hysteresisBand, type ValueKind } from "@/components/thresholds/threshold-values";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { hysteresisMargin, type ThresholdParameters } from "@/lib/triggers/thresholds/crossing";

// The last runs of the watched segment or measure against the threshold being typed, and what the
// trigger would have done over them. The chart (recharts) loads only here; its name, the back-test
// sentence and the table of values are plain HTML, so they do not wait for it.

const HistoryChart = lazy(() => import("@/components/thresholds/history-chart").then((m) => ({ default: m.HistoryChart })));

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  caption: { ...typographyStyles.subtitle2 },
  chart: { minHeight: "220px" },
  backtest: { ...typographyStyles.body1Strong, margin: 0 },
  table: { borderCollapse: "collapse", "& th, & td": { textAlign: "start", paddingInline: tokens.spacingHorizontalS, paddingBlock: tokens.spacingVerticalXXS } },
  muted: { color: tokens.colorNeutralForeground2 },
});

type Props = {
  subjectName: string;
  points: HistoryPoint[] | undefined;
  kind: ValueKind;
  /** The parameters as typed so far; null until the threshold is a number. */
  parameters: ThresholdParameters | null;
};

export const ThresholdHistory = ({ subjectName, points, kind, parameters }: Props) => {
  const styles = useStyles();
  const t = useT();
  const format = useFormat();
  const captionId = useId();
  if (!points) return <Spinner size="tiny" label={t("wizard.history.loading")} />;
  if (points.length === 0) return <Caption1 className={styles.muted}>{t("wizard.history.none")}</Caption1>;

  const result = parameters ? backtestHistory(parameters, points) : null;
  const band = parameters ? hysteresisBand(parameters, hysteresisMargin(parameters)) : null;
  const firedAt = new Map(result?.firings.map((firing) => [firing.index, firing.crossed]) ?? []);
  const text = (value: number | null) => (value === null ? t("wizard.history.noValue") : formatValue(value, kind, format));
  const values = { subject: subjectName, count: points.length, first: text(points[0]!.value), last: text(points.at(-1)!.value) };
  const chartName = parameters
    ? t("wizard.history.chartName", { ...values, threshold: formatValue(parameters.threshold, kind, format) })
    : t("wizard.history.chartNameNoThreshold", values);
  const sentence = !parameters
    ? t("wizard.backtest.needThreshold")
    : result
      ? describeBacktest(result.fireCount, result.runs, { t, format })
      : t("wizard.backtest.tooShort");

  return (
    <figure className={styles.figure} aria-labelledby={captionId}>
      <figcaption id={captionId} className={styles.caption}>
        {t("wizard.history.title")}
      </figcaption>
      {/* Announced when the threshold, direction or margin change the count. */}
      <p className={styles.backtest} aria-live="polite" aria-atomic="true">
        {sentence}
      </p>
      {result ? <Caption1 className={styles.muted}>{t("wizard.backtest.how")}</Caption1> : null}
      <div role="img" aria-label={chartName} className={styles.chart}>
        <Suspense fallback={<Spinner size="tiny" label={t("wizard.history.loading")} />}>
          <HistoryChart points={points} kind={kind} parameters={parameters} band={band} firedAt={[...firedAt.keys()]} />
        </Suspense>
      </div>
      <details>
        <summary>{t("wizard.history.showTable")}</summary>
        <table className={styles.table}>
          <caption className={styles.muted}>{chartName}</caption>
          <thead>
            <tr>
              <th scope="col">{t("wizard.history.computedAt")}</th>
              <th scope="col">{t("wizard.history.value")}</th>
              {result ? <th scope="col">{t("wizard.history.wouldFire")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {points.map((point) => {
              const crossed = firedAt.get(point.index);
              return (
                <tr key={point.index}>
                  <td>{format.dateTime(point.computedAt)}</td>
                  <td>{text(point.value)}</td>
                  {result ? (
                    <td>
                      {point.index === 0
                        ? t("wizard.history.baseline")
                        : crossed === "above"
                          ? t("wizard.history.firedAbove")
                          : crossed === "below"
                            ? t("wizard.history.firedBelow")
                            : t("common.no")}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
    </figure>
  );
};
