"use client";

import { Body1, Caption1, Skeleton, SkeletonItem, Subtitle1, tokens } from "@fluentui/react-components";
import { AppLink } from "@/components/common/app-link";
import { ErrorBar } from "@/components/common/error-bar";
import { Surface } from "@/components/common/surface";
import { formatValue, historyPoints, type ValueKind } from "@/components/thresholds/threshold-values";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { TMeasure } from "@/lib/measures/schemas";
import type { TSegment } from "@/lib/segments/schemas";
import { useMeasure, useMeasures, useSegments } from "@/lib/ui/api-hooks";
import { appPaths } from "@/lib/ui/api-paths";
import { describeChange } from "./change-words";
import { sparklinePoints } from "./sparkline-path";
import { useHomeStyles } from "./home-client.styles";

// Home's business measures (latest value, change, sparkline) and segments (size, change), each
// linking to its own page. The sparkline is a plain SVG polyline, not recharts: the page-weight
// budget counts lazy chunks too, and recharts' chunk (about 96 KB gzip) on every Home with a
// measure's history would be most of it, for a line without axes.

const SPARK_WIDTH = 160;
const SPARK_HEIGHT = 32;

/** How many recent values a sparkline draws. */
export const SPARKLINE_VALUES = 10;
/** Home shows this many of each; the lists' own pages show them all. */
const SHOWN = 6;

const Sparkline = ({ instanceId, measure }: { instanceId: string; measure: TMeasure }) => {
  const styles = useHomeStyles();
  const t = useT();
  const format = useFormat();
  const { data } = useMeasure(instanceId, measure.id);
  // The label goes on the Skeleton, a progressbar: a SkeletonItem is a plain div that may not carry one.
  if (!data)
    return (
      <Skeleton aria-label={t("app.loading")}>
        <SkeletonItem size={40} />
      </Skeleton>
    );
  const points = historyPoints(data.measure.computations, SPARKLINE_VALUES);
  const values = points.map((point) => point.value).filter((value): value is number => value !== null);
  if (values.length < 2) return null;
  const text = (value: number) => formatValue(value, measure.valueKind, format);
  const name = t("home.sparkline", { name: measure.name, count: points.length, first: text(values[0]!), last: text(values.at(-1)!) });
  return (
    <svg role="img" aria-label={name} className={styles.sparkline} viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`} preserveAspectRatio="none">
      <polyline
        points={sparklinePoints(points.map((point) => point.value), SPARK_WIDTH, SPARK_HEIGHT)}
        fill="none"
        stroke={tokens.colorBrandForeground1}
        strokeWidth={2}
        vectorEffect="non-scaling-stroke"
        strokeLinejoin="round"
      />
    </svg>
  );
};

const Card = (props: { href: string; name: string; value: string; change: string; children?: React.ReactNode }) => {
  const styles = useHomeStyles();
  return (
    <Surface as="article" className={styles.insight}>
      <AppLink href={props.href} className={styles.insightName}>
        {props.name}
      </AppLink>
      <span className={styles.insightValue}>{props.value}</span>
      <Caption1 className={styles.statLabel}>{props.change}</Caption1>
      {props.children}
    </Surface>
  );
};

type SectionProps = {
  headingId: string;
  title: string;
  allHref: string;
  allLabel: string;
  empty: { body: string; href: string; action: string };
  count: number | undefined;
  error: unknown;
  onRetry: () => void;
  children: React.ReactNode;
};

const Section = ({ headingId, title, allHref, allLabel, empty, count, error, onRetry, children }: SectionProps) => {
  const styles = useHomeStyles();
  return (
    <section aria-labelledby={headingId} className={styles.insightSection}>
      <div className={styles.sectionHeader}>
        <Subtitle1 as="h2" id={headingId} className={styles.heading}>
          {title}
        </Subtitle1>
        {count ? <AppLink href={allHref}>{allLabel}</AppLink> : null}
      </div>
      {error ? <ErrorBar error={error} onRetry={onRetry} /> : null}
      {count === undefined ? (
        error ? null : <SkeletonItem size={72} />
      ) : count === 0 ? (
        <Surface className={styles.emptyCard}>
          <Body1 as="p" className={styles.statLabel}>
            {empty.body}
          </Body1>
          <AppLink href={empty.href}>{empty.action}</AppLink>
        </Surface>
      ) : (
        <div className={styles.insights}>{children}</div>
      )}
    </section>
  );
};

const valueText = (value: number | null, computedAt: string | null, kind: ValueKind, words: { t: ReturnType<typeof useT>; format: ReturnType<typeof useFormat> }) =>
  computedAt === null ? words.t("home.notComputed") : value === null ? words.t("home.noValue") : formatValue(value, kind, words.format);

export const HomeInsights = ({ instanceId }: { instanceId: string }) => {
  const t = useT();
  const format = useFormat();
  const words = { t, format };
  const measures = useMeasures(instanceId);
  const segments = useSegments(instanceId);
  const measureList: TMeasure[] | undefined = measures.data?.measures;
  const segmentList: TSegment[] | undefined = segments.data?.segments;
  return (
    <>
      <Section
        headingId="home-measures"
        title={t("home.measures.title")}
        allHref={appPaths.measures(instanceId)}
        allLabel={t("home.measures.all")}
        empty={{ body: t("home.measures.empty"), href: appPaths.measures(instanceId), action: t("home.measures.create") }}
        count={measureList?.length}
        error={measures.error}
        onRetry={() => void measures.mutate()}
      >
        {measureList?.slice(0, SHOWN).map((measure) => (
          <Card
            key={measure.id}
            href={appPaths.measure(instanceId, measure.id)}
            name={measure.name}
            value={valueText(measure.value, measure.computedAt, measure.valueKind, words)}
            change={describeChange(measure.value, measure.previousValue, measure.valueKind, words)}
          >
            <Sparkline instanceId={instanceId} measure={measure} />
          </Card>
        ))}
      </Section>
      <Section
        headingId="home-segments"
        title={t("home.segments.title")}
        allHref={appPaths.segments(instanceId)}
        allLabel={t("home.segments.all")}
        empty={{ body: t("home.segments.empty"), href: appPaths.segments(instanceId), action: t("home.segments.create") }}
        count={segmentList?.length}
        error={segments.error}
        onRetry={() => void segments.mutate()}
      >
        {segmentList?.slice(0, SHOWN).map((segment) => (
          <Card
            key={segment.id}
            href={appPaths.segment(instanceId, segment.id)}
            name={segment.name}
            value={
              segment.size === null
                ? t("home.notComputed")
                : segment.size === 1
                  ? t("home.segments.size.one")
                  : t("home.segments.size.other", { size: format.number(segment.size) })
            }
            change={describeChange(segment.size, segment.previousSize, "count", words)}
          />
        ))}
      </Section>
    </>
  );
};
