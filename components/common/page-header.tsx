"use client";

import { Body1, mergeClasses, Title2 } from "@fluentui/react-components";
import { usePageHeaderStyles } from "./page-header.styles";

type Props = { title: React.ReactNode; subtitle?: React.ReactNode; actions?: React.ReactNode; className?: string; titleSuffix?: React.ReactNode };

export const PageHeader = ({ title, subtitle, actions, titleSuffix, className }: Props) => {
  const styles = usePageHeaderStyles();
  return (
    <header className={mergeClasses(styles.root, className)}>
      <div className={styles.text}>
        <div className={styles.actions}>
          <Title2 as="h1" className={styles.title}>
            {title}
          </Title2>
          {titleSuffix}
        </div>
        {subtitle ? (
          <Body1 as="p" className={styles.subtitle}>
            {subtitle}
          </Body1>
        ) : null}
      </div>
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </header>
  );
};
