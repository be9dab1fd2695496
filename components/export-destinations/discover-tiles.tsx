"use client";

import { Body1, Button, Subtitle2 } from "@fluentui/react-components";
import { useRouter } from "next/navigation";
import { Surface } from "@/components/common/surface";
import { useT } from "@/lib/i18n/i18n-provider";
import type { TDestinationType } from "@/lib/triggers/schemas";
import { appPaths } from "@/lib/ui/api-paths";
import { useCan } from "@/lib/ui/auth/current-user";
import { ConnectorPackage } from "./connector-package";
import { DestinationIcon } from "./destination-icon";
import { useExportDestinationsStyles } from "./export-destinations.styles";

const tiles: TDestinationType[] = ["powerAutomate", "webhook", "teams"];

export const DiscoverTiles = ({ instanceId }: { instanceId: string }) => {
  const styles = useExportDestinationsStyles();
  const t = useT();
  const router = useRouter();
  const canSetUp = useCan("setUpTrigger");
  return (
    <ul className={styles.tiles} style={{ listStyle: "none", margin: 0, padding: 0 }}>
      {tiles.map((type) => {
        const name = t(`destinationType.${type}`);
        return (
          <li key={type}>
            <Surface className={styles.tile}>
              <div className={styles.tileHeader}>
                <DestinationIcon type={type} />
                <Subtitle2 as="h2">{name}</Subtitle2>
              </div>
              <Body1 as="p" className={styles.tileDescription}>
                {t(`discover.${type}.description`)}
              </Body1>
              {type === "powerAutomate" ? <ConnectorPackage /> : null}
              {canSetUp ? (
                <div>
                  <Button appearance="primary" aria-label={t("discover.setUpLabel", { destination: name })} onClick={() => router.push(appPaths.newTrigger(instanceId, type))}>
                    {t("discover.setUp")}
                  </Button>
                </div>
              ) : null}
            </Surface>
          </li>
        );
      })}
    </ul>
  );
};
