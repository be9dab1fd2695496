"use client";

import { makeStyles, Spinner, tokens } from "@fluentui/react-components";
import { BuildingMultipleRegular } from "@fluentui/react-icons/svg/building-multiple";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { EmptyState } from "@/components/common/empty-state";
import { ErrorBar } from "@/components/common/error-bar";
import { useT } from "@/lib/i18n/i18n-provider";
import { useInstances } from "@/lib/ui/api-hooks";
import { appPaths } from "@/lib/ui/api-paths";

const useStyles = makeStyles({
  root: { display: "flex", justifyContent: "center", alignItems: "center", minHeight: "100vh", padding: tokens.spacingHorizontalXXL },
  box: { maxWidth: "560px", width: "100%" },
});

export const RootRedirect = () => {
  const styles = useStyles();
  const t = useT();
  const router = useRouter();
  const { data, error, mutate } = useInstances();
  const first = data?.instances[0];

  useEffect(() => {
    if (first) router.replace(appPaths.home(first.id));
  }, [first, router]);

  return (
    <main className={styles.root}>
      <div className={styles.box}>
        {error ? (
          <ErrorBar error={error} onRetry={() => void mutate()} />
        ) : data && !first ? (
          <EmptyState icon={<BuildingMultipleRegular />} title={t("app.noInstances.title")} body={t("app.noInstances.body")} />
        ) : (
          <Spinner label={t("app.redirecting")} />
        )}
      </div>
    </main>
  );
};
