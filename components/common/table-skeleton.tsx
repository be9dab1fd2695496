"use client";

import { makeStyles, Skeleton, SkeletonItem, tokens } from "@fluentui/react-components";
import { useT } from "@/lib/i18n/i18n-provider";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, paddingBlock: tokens.spacingVerticalM },
  row: { display: "grid", gridTemplateColumns: "2fr 1fr 1fr 1fr", gap: tokens.spacingHorizontalL },
});

export const TableSkeleton = ({ rows = 3 }: { rows?: number }) => {
  const styles = useStyles();
  const t = useT();
  return (
    <Skeleton aria-label={t("app.loading")} className={styles.root}>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className={styles.row}>
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
        </div>
      ))}
    </Skeleton>
  );
};
