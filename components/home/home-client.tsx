"use client";

import { Body1, SkeletonItem, Subtitle1 } from "@fluentui/react-components";
import { AppLink } from "@/components/common/app-link";
import { ErrorBar } from "@/components/common/error-bar";
import { PageHeader } from "@/components/common/page-header";
import { Surface } from "@/components/common/surface";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { useDataSources, useInstances, useRegistrations } from "@/lib/ui/api-hooks";
import { appPaths } from "@/lib/ui/api-paths";
import { useHomeStyles } from "./home-client.styles";
import { HomeInsights } from "./home-insights";

type StatProps = { label: string; value: number | undefined; href?: string; linkLabel?: string };

const Stat = ({ label, value, href, linkLabel }: StatProps) => {
  const styles = useHomeStyles();
  const format = useFormat();
  return (
    <Surface className={styles.stat}>
      <Body1 className={styles.statLabel}>{label}</Body1>
      {value === undefined ? <SkeletonItem size={40} /> : <span className={styles.statValue}>{format.number(value)}</span>}
      {href && linkLabel ? <AppLink href={href}>{linkLabel}</AppLink> : null}
    </Surface>
  );
};

export const HomeClient = ({ instanceId }: { instanceId: string }) => {
  const styles = useHomeStyles();
  const t = useT();
  const instances = useInstances();
  const dataSources = useDataSources(instanceId);
  const registrations = useRegistrations(instanceId);
  const instanceName = instances.data?.instances.find((instance) => instance.id === instanceId)?.name ?? instanceId;
  const list = registrations.data?.registrations;
  const error = dataSources.error ?? registrations.error;

  return (
    <>
      <PageHeader title={t("home.title")} subtitle={t("home.subtitle", { instance: instanceName })} />
      {error ? (
        <ErrorBar
          error={error}
          onRetry={() => {
            void dataSources.mutate();
            void registrations.mutate();
          }}
        />
      ) : null}
      <section className={styles.stats}>
        <Stat
          label={t("home.dataSourcesCount")}
          value={dataSources.data?.dataSources.length}
          href={appPaths.dataSources(instanceId)}
          linkLabel={t("home.manageDataSources")}
        />
        <Stat label={t("home.triggersCount")} value={list?.length} href={appPaths.exportDestinations(instanceId, "triggers")} linkLabel={t("home.manageDestinations")} />
        <Stat
          label={t("home.failingCount")}
          value={list?.filter((r) => r.status === "failing" || r.status === "disabled" || r.status === "gone").length}
        />
      </section>
      <HomeInsights instanceId={instanceId} />
      <Surface as="section" className={styles.steps}>
        <Subtitle1 as="h2" className={styles.heading}>{t("home.gettingStarted")}</Subtitle1>
        <ol className={styles.list}>
          <li>
            <AppLink href={appPaths.dataSources(instanceId)}>{t("home.step1")}</AppLink>
          </li>
          <li>
            <AppLink href={appPaths.exportDestinations(instanceId)}>{t("home.step2")}</AppLink>
          </li>
          <li>{t("home.step3")}</li>
        </ol>
      </Surface>
    </>
  );
};
