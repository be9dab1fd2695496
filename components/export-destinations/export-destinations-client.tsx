"use client";

import { Tab, TabList } from "@fluentui/react-components";
import { usePathname, useRouter } from "next/navigation";
import { lazy, Suspense, useState } from "react";
import { PageHeader } from "@/components/common/page-header";
import { useT } from "@/lib/i18n/i18n-provider";
import { DiscoverTiles } from "./discover-tiles";
import { useExportDestinationsStyles } from "./export-destinations.styles";
import { preloadOn } from "@/components/common/preload";

// The Discover tab opens by default: the other tabs' tables load when their tab is selected (or
// hovered or focused, so they are usually there by the time it is selected).
const loadMyDestinations = () => import("./my-destinations-table");
const preloadMyDestinations = preloadOn(loadMyDestinations);
const MyDestinationsTable = lazy(() => loadMyDestinations().then((m) => ({ default: m.MyDestinationsTable })));
const loadTriggers = () => import("./triggers-table");
const preloadTriggers = preloadOn(loadTriggers);
const TriggersTable = lazy(() => loadTriggers().then((m) => ({ default: m.TriggersTable })));

export type TabValue = "discover" | "mine" | "triggers";

/** The selected tab lives in the URL (?tab=mine) so back/forward and links from other pages land right. */
export const ExportDestinationsClient = ({ instanceId, initialTab }: { instanceId: string; initialTab: TabValue }) => {
  const styles = useExportDestinationsStyles();
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
  const [tab, setTab] = useState<TabValue>(initialTab);

  const select = (value: TabValue) => {
    setTab(value);
    router.replace(value === "discover" ? pathname : `${pathname}?tab=${value}`, { scroll: false });
  };

  return (
    <>
      <PageHeader title={t("exportDestinations.title")} subtitle={t("exportDestinations.subtitle")} />
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_, data) => select(data.value as TabValue)}
        aria-label={t("exportDestinations.tabs")}
      >
        <Tab value="discover" id="tab-discover" aria-controls="panel-discover">
          {t("exportDestinations.tabDiscover")}
        </Tab>
        <Tab value="mine" id="tab-mine" aria-controls="panel-mine" onPointerEnter={preloadMyDestinations} onFocus={preloadMyDestinations}>
          {t("exportDestinations.tabMine")}
        </Tab>
        <Tab value="triggers" id="tab-triggers" aria-controls="panel-triggers" onPointerEnter={preloadTriggers} onFocus={preloadTriggers}>
          {t("exportDestinations.tabTriggers")}
        </Tab>
      </TabList>
      {tab === "discover" ? (
        <div role="tabpanel" id="panel-discover" aria-labelledby="tab-discover">
          <DiscoverTiles instanceId={instanceId} />
        </div>
      ) : tab === "mine" ? (
        <div role="tabpanel" id="panel-mine" aria-labelledby="tab-mine" className={styles.panel}>
          {/* No fallback: the table shows its own loading state, and the chunk is usually there already. */}
          <Suspense fallback={null}>
            <MyDestinationsTable instanceId={instanceId} />
          </Suspense>
        </div>
      ) : (
        <div role="tabpanel" id="panel-triggers" aria-labelledby="tab-triggers" className={styles.panel}>
          <Suspense fallback={null}>
            <TriggersTable instanceId={instanceId} onDiscover={() => select("discover")} />
          </Suspense>
        </div>
      )}
    </>
  );
};
