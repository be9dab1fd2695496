"use client";

import { Dropdown, makeStyles, Option, tokens, useId } from "@fluentui/react-components";
import { usePathname, useRouter } from "next/navigation";
import { useT } from "@/lib/i18n/i18n-provider";
import { useInstances } from "@/lib/ui/api-hooks";
import { appPaths } from "@/lib/ui/api-paths";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  label: { color: tokens.colorNeutralForegroundOnBrand, fontSize: tokens.fontSizeBase300 },
  dropdown: { minWidth: "200px" },
});

/** Switching instance keeps the user on the same screen of the other instance. */
export const InstancePicker = ({ instanceId }: { instanceId: string }) => {
  const styles = useStyles();
  const t = useT();
  const labelId = useId("instance-label");
  const router = useRouter();
  const pathname = usePathname();
  const { data } = useInstances();
  const instances = data?.instances ?? [];
  const current = instances.find((instance) => instance.id === instanceId);

  return (
    <div className={styles.root}>
      <span id={labelId} className={styles.label}>
        {t("shell.instance")}
      </span>
      <Dropdown
        aria-labelledby={labelId}
        className={styles.dropdown}
        appearance="filled-lighter"
        size="small"
        placeholder={t("shell.instancePlaceholder")}
        value={current?.name ?? ""}
        selectedOptions={[instanceId]}
        onOptionSelect={(_, selection) => {
          const next = selection.optionValue;
          if (!next || next === instanceId) return;
          const prefix = appPaths.home(instanceId);
          // Deep pages (a trigger's detail) belong to one instance: go to the section's top instead.
          const section = pathname.startsWith(`${prefix}/admin/export-destinations`)
            ? appPaths.exportDestinations(next)
            : pathname.startsWith(`${prefix}/data-sources`)
              ? appPaths.dataSources(next)
              : appPaths.home(next);
          router.push(section);
        }}
      >
        {instances.map((instance) => (
          <Option key={instance.id} value={instance.id}>
            {instance.name}
          </Option>
        ))}
      </Dropdown>
    </div>
  );
};
