"use client";

import NextLink from "next/link";
import { DataBarVerticalFilled } from "@fluentui/react-icons/svg/data-bar-vertical";
import { useT } from "@/lib/i18n/i18n-provider";
import { appPaths } from "@/lib/ui/api-paths";
import { AppNav } from "./app-nav";
import { useAppShellStyles } from "./app-shell.styles";
import { InstancePicker } from "./instance-picker";
import { UserArea } from "./user-area";

/** Header (product, instance picker, user), left navigation and the page. */
export const AppShell = ({ instanceId, children }: { instanceId: string; children: React.ReactNode }) => {
  const styles = useAppShellStyles();
  const t = useT();
  return (
    <div className={styles.root}>
      <a href="#main" className={styles.skipLink}>
        {t("app.skipToContent")}
      </a>
      <header className={styles.header}>
        <NextLink href={appPaths.home(instanceId)} className={styles.brand}>
          <span className={styles.brandIcon} aria-hidden>
            <DataBarVerticalFilled />
          </span>
          {t("app.name")}
        </NextLink>
        <InstancePicker instanceId={instanceId} />
        <span className={styles.spacer} />
        <UserArea />
      </header>
      <div className={styles.nav}>
        <AppNav instanceId={instanceId} className={styles.navDrawer} />
      </div>
      <main id="main" tabIndex={-1} className={styles.main}>
        <div className={styles.content}>{children}</div>
      </main>
    </div>
  );
};
