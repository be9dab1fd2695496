"use client";

import { makeStyles, Select, tokens, useId } from "@fluentui/react-components";
import { usePathname, useRouter } from "next/navigation";
import { useT } from "@/lib/i18n/i18n-provider";
import { useInstances } from "@/lib/ui/api-hooks";
import { appPaths } from "@/lib/ui/api-paths";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  label: { color: tokens.colorNeutralForegroundOnBrand, fontSize: tokens.fontSizeBase300 },
  select: { minWidth: "200px" },
});

/**
 * A native select (Fluent's Select): keyboard and screen reader behaviour for free, and no
 * popup-positioning code in every page's first load. Switching instance keeps the section.
 */
export const InstancePicker = ({ instanceId }: { instanceId: string }) => {
  const styles = useStyles();
  const t = useT();
  const id = useId("instance-picker");
  const router = useRouter();
  const pathname = usePathname();
  const { data } = useInstances();
  const instances = data?.instances ?? [];
  const known = instances.some((instance) => instance.id === instanceId);

  return (
    <div className={styles.root}>
      <label htmlFor={id} className={styles.label}>
        {t("shell.instance")}
      </label>
      <Select
        id={id}
        className={styles.select}
        appearance="filled-lighter"
        size="small"
        value={instanceId}
        onChange={(_, selection) => {
          const next = selection.value;
          if (!next || next === instanceId) return;
          const prefix = appPaths.home(instanceId);
          // Deep pages (a trigger's detail) belong to one instance: go to the section's top instead.
          const section = pathname.startsWith(`${prefix}/admin/export-destinations`)
            ? appPaths.exportDestinations(next)
            : pathname.startsWith(`${prefix}/data-sources`)
              ? appPaths.dataSources(next)
              : pathname.startsWith(`${prefix}/unify`)
                ? appPaths.unify(next)
                : pathname.startsWith(`${prefix}/profiles`)
                  ? appPaths.profiles(next)
                  : appPaths.home(next);
          router.push(section);
        }}
      >
        {known ? null : <option value={instanceId}>{data ? instanceId : t("app.loading")}</option>}
        {instances.map((instance) => (
          <option key={instance.id} value={instance.id}>
            {instance.name}
          </option>
        ))}
      </Select>
    </div>
  );
};
