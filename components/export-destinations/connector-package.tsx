"use client";

import { Button, Link } from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons/svg/arrow-download";
import { useId, useState } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import { connectorPaths } from "@/lib/ui/api-paths";
import { useExportDestinationsStyles } from "./export-destinations.styles";

const importSteps = ["wizard.connector.step1", "wizard.connector.step2", "wizard.connector.step3", "wizard.connector.step4"] as const;

/** The Power Automate tile's custom connector: its package to download, and how to import it. */
export const ConnectorPackage = () => {
  const styles = useExportDestinationsStyles();
  const t = useT();
  const [open, setOpen] = useState(false);
  const stepsId = useId();
  return (
    <div className={styles.connectorPackage}>
      <div className={styles.connectorActions}>
        <Link href={connectorPaths.package()} download className={styles.downloadLink}>
          <ArrowDownloadRegular aria-hidden />
          {t("wizard.connector.download")}
        </Link>
        <Button appearance="transparent" size="small" aria-expanded={open} aria-controls={stepsId} onClick={() => setOpen((current) => !current)}>
          {open ? t("wizard.connector.hideSteps") : t("wizard.connector.showSteps")}
        </Button>
      </div>
      <ol id={stepsId} className={styles.importSteps} hidden={!open}>
        {importSteps.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ol>
    </div>
  );
};
