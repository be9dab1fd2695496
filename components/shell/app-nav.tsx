"use client";

import { NavDrawer, NavDrawerBody, NavItem, NavSectionHeader } from "@fluentui/react-components";
import { Database20Regular } from "@fluentui/react-icons/svg/database";
import { Home20Regular } from "@fluentui/react-icons/svg/home";
import { PlugConnected20Regular } from "@fluentui/react-icons/svg/plug-connected";
import { usePathname, useRouter } from "next/navigation";
import { useT } from "@/lib/i18n/i18n-provider";
import { appPaths } from "@/lib/ui/api-paths";

type Item = { value: string; href: string; label: string; icon: React.ReactElement };

const currentValue = (pathname: string, items: Item[]) =>
  // The longest matching prefix wins, so Home does not stay selected on every page.
  [...items].sort((a, b) => b.href.length - a.href.length).find((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))?.value;

/** Only screens that exist are linked; Unify, Segments and Measures join when they ship. */
export const AppNav = ({ instanceId, className }: { instanceId: string; className?: string }) => {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
  const main: Item[] = [
    { value: "home", href: appPaths.home(instanceId), label: t("nav.home"), icon: <Home20Regular /> },
    { value: "dataSources", href: appPaths.dataSources(instanceId), label: t("nav.dataSources"), icon: <Database20Regular /> },
  ];
  const admin: Item[] = [
    { value: "exportDestinations", href: appPaths.exportDestinations(instanceId), label: t("nav.exportDestinations"), icon: <PlugConnected20Regular /> },
  ];

  const renderItem = (item: Item) => (
    <NavItem
      key={item.value}
      value={item.value}
      href={item.href}
      icon={item.icon}
      onClick={(event: React.MouseEvent) => {
        // Client-side navigation for plain clicks; modified clicks keep the browser's behaviour.
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
        event.preventDefault();
        router.push(item.href);
      }}
    >
      {item.label}
    </NavItem>
  );

  return (
    <NavDrawer open type="inline" className={className} selectedValue={currentValue(pathname, [...main, ...admin]) ?? ""} aria-label={t("shell.navigation")}>
      <NavDrawerBody>
        {main.map(renderItem)}
        <NavSectionHeader>{t("nav.admin")}</NavSectionHeader>
        {admin.map(renderItem)}
      </NavDrawerBody>
    </NavDrawer>
  );
};
