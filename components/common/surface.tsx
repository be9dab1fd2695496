"use client";

import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow4,
    // Shadows vanish in forced-colors mode; a transparent outline then shows as the card's edge.
    outline: `${tokens.strokeWidthThin} solid transparent`,
  },
});

type Props = React.HTMLAttributes<HTMLElement> & { as?: "div" | "section" | "article" };

/**
 * The look of Fluent's Card (filled, not interactive) for panels that only hold content. Card itself
 * adds focus management for interactive cards (a focus group from tabster), which a static panel
 * never uses and every page would download.
 */
export const Surface = ({ as: Element = "div", className, ...props }: Props) => {
  const styles = useStyles();
  return <Element {...props} className={mergeClasses(styles.root, className)} />;
};
