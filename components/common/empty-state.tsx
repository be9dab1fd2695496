"use client";

import { Body1, mergeClasses, Subtitle1 } from "@fluentui/react-components";
import { useEmptyStateStyles } from "./empty-state.styles";

type Props = { icon: React.ReactNode; title: string; body: string; action?: React.ReactNode; className?: string };

export const EmptyState = ({ icon, title, body, action, className }: Props) => {
  const styles = useEmptyStateStyles();
  return (
    <div className={mergeClasses(styles.root, className)} role="status">
      <span className={styles.icon} aria-hidden>
        {icon}
      </span>
      <Subtitle1 as="h2" className={styles.title}>
        {title}
      </Subtitle1>
      <Body1 as="p" className={styles.body}>
        {body}
      </Body1>
      {action}
    </div>
  );
};
