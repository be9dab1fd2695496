"use client";

import { AppLink } from "@/components/common/app-link";
import { ErrorBar } from "@/components/common/error-bar";
import { PageHeader } from "@/components/common/page-header";
import { TableSkeleton } from "@/components/common/table-skeleton";
import { attributeLabel } from "@/components/unify/attribute-label";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { standardAttributeNames } from "@/lib/unification/attributes";
import type { TProfileAttributes, TProfileSourceRecord } from "@/lib/unification/schemas";
import { useProfile } from "@/lib/ui/api-hooks";
import { appPaths } from "@/lib/ui/api-paths";
import { attributeText, profileName } from "./profile-name";
import { useProfilesStyles } from "./profiles.styles";

/** Standard attributes first, in the vocabulary's order, then custom ones by name. */
const orderedNames = (attributes: TProfileAttributes) => [
  ...standardAttributeNames.filter((name) => name in attributes),
  ...Object.keys(attributes)
    .filter((name) => !standardAttributeNames.includes(name))
    .sort(),
];

const Attributes = ({ attributes, label }: { attributes: TProfileAttributes; label: string }) => {
  const styles = useProfilesStyles();
  const t = useT();
  const format = useFormat();
  return (
    <dl className={styles.attributes} aria-label={label}>
      {orderedNames(attributes).map((name) => (
        <div key={name} style={{ display: "contents" }}>
          <dt className={styles.term}>{attributeLabel(name, t)}</dt>
          <dd className={styles.value}>{attributeText(attributes[name], { number: format.number, yes: t("common.yes"), no: t("common.no") })}</dd>
        </div>
      ))}
    </dl>
  );
};

/** How a record came into the profile, in words: the rule and the record it matched, or the first record. */
const useJoinedBy = (records: TProfileSourceRecord[]) => {
  const t = useT();
  return (record: TProfileSourceRecord) => {
    if (!record.joinedBy) return t("profiles.record.first");
    const matched = record.joinedBy.matchedRecord;
    const source = records.find((candidate) => candidate.dataSourceId === matched.dataSourceId)?.dataSourceName ?? matched.dataSourceId;
    return t("profiles.record.joinedBy", { rule: record.joinedBy.ruleName, record: matched.recordKey, source });
  };
};

export const ProfileDetailClient = ({ instanceId, profileId }: { instanceId: string; profileId: string }) => {
  const styles = useProfilesStyles();
  const t = useT();
  const { data, error, mutate } = useProfile(instanceId, profileId);
  const profile = data?.profile;
  const joinedBy = useJoinedBy(profile?.sourceRecords ?? []);
  const name = profile ? (profileName(profile.attributes) ?? t("profiles.unnamed")) : t("profiles.profile");

  return (
    <>
      <PageHeader
        title={name}
        subtitle={<AppLink href={appPaths.profiles(instanceId)}>{t("profiles.backToList")}</AppLink>}
      />
      {error && !profile ? <ErrorBar error={error} onRetry={() => void mutate()} /> : null}
      {!profile && !error ? <TableSkeleton /> : null}
      {profile ? (
        <div className={styles.stack}>
          <section className={styles.panel} aria-labelledby="profile-attributes">
            <h2 id="profile-attributes" className={styles.sectionTitle}>
              {t("profiles.attributes")}
            </h2>
            <Attributes attributes={profile.attributes} label={t("profiles.attributes")} />
          </section>
          <section className={styles.panel} aria-labelledby="profile-records">
            <h2 id="profile-records" className={styles.sectionTitle}>
              {t("profiles.records", { count: profile.sourceRecords.length })}
            </h2>
            <ul className={styles.records} style={{ listStyle: "none", margin: 0, padding: 0 }}>
              {profile.sourceRecords.map((record) => {
                const title = t("profiles.record.title", { source: record.dataSourceName, key: record.recordKey });
                return (
                  <li key={`${record.dataSourceId}/${record.recordKey}`} className={styles.record} aria-label={title}>
                    <h3 className={styles.recordTitle}>{title}</h3>
                    <p className={styles.joined}>{joinedBy(record)}</p>
                    <Attributes attributes={record.attributes} label={t("profiles.record.values", { title })} />
                  </li>
                );
              })}
            </ul>
          </section>
        </div>
      ) : null}
    </>
  );
};
