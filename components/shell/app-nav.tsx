"use client";

import { mergeClasses } from "@fluentui/react-components";
import { Database20Filled, Database20Regular } from "@fluentui/react-icons/svg/database";
import { Home20Filled, Home20Regular } from "@fluentui/react-icons/svg/home";
import { DataTrending20Filled, DataTrending20Regular } from "@fluentui/react-icons/svg/data-trending";
import { DocumentText20Filled, DocumentText20Regular } from "@fluentui/react-icons/svg/document-text";
import { History20Filled, History20Regular } from "@fluentui/react-icons/svg/history";
import { Merge20Filled, Merge20Regular } from "@fluentui/react-icons/svg/merge";
import { People20Filled, People20Regular } from "@fluentui/react-icons/svg/people";
import { PeopleAudience20Filled, PeopleAudience20Regular } from "@fluentui/react-icons/svg/people-audience";
import { Settings20Filled, Settings20Regular } from "@fluentui/react-icons/svg/settings";
import { PlugConnected20Filled, PlugConnected20Regular } from "@fluentui/react-icons/svg/plug-connected";
import NextLink from "next/link";
import { usePathname } from "next/navigation";
import { auditPaths } from "@/lib/audit/audit-paths";
import { useT } from "@/lib/i18n/i18n-provider";
import { useCurrentUser } from "@/lib/ui/auth/current-user";
import { appPaths } from "@/lib/ui/api-paths";
import { useAppNavStyles } from "./app-nav.styles";

type Item = { value: string; href: string; label: string; icon: React.ReactElement; iconSelected: React.ReactElement };

const currentValue = (pathname: string, items: Item[]) =>
  // The longest matching prefix wins, so Home does not stay selected on every page.
  [...items].sort((a, b) => b.href.length - a.href.length).find((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))?.value;

/** Only screens that exist are linked, in SPEC §6's order. */
export const AppNav = ({ instanceId, className }: { instanceId: string; className?: string }) => {
  const styles = useAppNavStyles();
  const t = useT();
  const pathname = usePathname();
  // The audit log is for Admins only (the API refuses everyone else); hidden until the role is known.
  const isAdmin = useCurrentUser()?.role === "Admin";
  const main: Item[] = [
    { value: "home", href: appPaths.home(instanceId), label: t("nav.home"), icon: <Home20Regular />, iconSelected: <Home20Filled /> },
    {
      value: "dataSources",
      href: appPaths.dataSources(instanceId),
      label: t("nav.dataSources"),
      icon: <Database20Regular />,
      iconSelected: <Database20Filled />,
    },
    { value: "unify", href: appPaths.unify(instanceId), label: t("nav.unify"), icon: <Merge20Regular />, iconSelected: <Merge20Filled /> },
    {
      value: "segments",
      href: appPaths.segments(instanceId),
      label: t("nav.segments"),
      icon: <PeopleAudience20Regular />,
      iconSelected: <PeopleAudience20Filled />,
    },
    {
      value: "measures",
      href: appPaths.measures(instanceId),
      label: t("nav.measures"),
      icon: <DataTrending20Regular />,
      iconSelected: <DataTrending20Filled />,
    },
    { value: "profiles", href: appPaths.profiles(instanceId), label: t("nav.profiles"), icon: <People20Regular />, iconSelected: <People20Filled /> },
  ];
  const admin: Item[] = [
    {
      value: "exportDestinations",
      href: appPaths.exportDestinations(instanceId),
      label: t("nav.exportDestinations"),
      icon: <PlugConnected20Regular />,
      iconSelected: <PlugConnected20Filled />,
    },
    { value: "system", href: appPaths.system(instanceId), label: t("nav.system"), icon: <Settings20Regular />, iconSelected: <Settings20Filled /> },
    ...(isAdmin
      ? [
          {
            value: "auditLog",
            href: auditPaths.page(instanceId),
            label: t("nav.auditLog"),
            icon: <History20Regular />,
            iconSelected: <History20Filled />,
          },
        ]
      : []),
    // The API's reference is public (as its document is): for whoever connects flows or scripts.
    {
      value: "apiReference",
      href: appPaths.apiReference(instanceId),
      label: t("nav.apiReference"),
      icon: <DocumentText20Regular />,
      iconSelected: <DocumentText20Filled />,
    },
  ];
  const selected = currentValue(pathname, [...main, ...admin]);

  const renderItems = (items: Item[], labelledBy?: string) => (
    <ul className={styles.list} aria-labelledby={labelledBy}>
      {items.map((item) => {
        const isSelected = item.value === selected;
        return (
          <li key={item.value}>
            <NextLink href={item.href} className={mergeClasses(styles.item, isSelected && styles.selected)} aria-current={isSelected ? "page" : undefined}>
              <span className={styles.icon} aria-hidden>
                {isSelected ? item.iconSelected : item.icon}
              </span>
              {item.label}
            </NextLink>
          </li>
        );
      })}
    </ul>
  );

  return (
    <nav className={mergeClasses(styles.root, className)} aria-label={t("shell.navigation")}>
      {renderItems(main)}
      <h2 id="nav-admin" className={styles.section}>
        {t("nav.admin")}
      </h2>
      {renderItems(admin, "nav-admin")}
    </nav>
  );
};
