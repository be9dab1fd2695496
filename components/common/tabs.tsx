"use client";

import { mergeClasses } from "@fluentui/react-components";
import { useRef } from "react";
import { useTabsStyles } from "./tabs.styles";

type Props<T extends string> = {
  label: string;
  tabs: ReadonlyArray<{ value: T; label: string; onIntent?: () => void }>;
  selected: T;
  onSelect: (value: T) => void;
  /** Id prefix of the tabs; the panel is labelled by `${idPrefix}-${selected}`. */
  idPrefix: string;
};

/**
 * The ARIA tabs pattern (arrow keys, Home and End move and select; one tab stop), looking like
 * Fluent's TabList. Fluent's own brings its focus manager along, which would take the Unify and
 * System screens over their first-load budgets for a few tabs.
 */
export const Tabs = <T extends string>({ label, tabs, selected, onSelect, idPrefix }: Props<T>) => {
  const styles = useTabsStyles();
  const buttons = useRef(new Map<T, HTMLButtonElement | null>());
  const select = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length]!;
    onSelect(tab.value);
    buttons.current.get(tab.value)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={styles.list}>
      {tabs.map((tab, index) => {
        const isSelected = tab.value === selected;
        return (
          <button
            key={tab.value}
            ref={(element) => {
              buttons.current.set(tab.value, element);
            }}
            id={`${idPrefix}-${tab.value}`}
            type="button"
            role="tab"
            aria-selected={isSelected}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={isSelected ? 0 : -1}
            className={mergeClasses(styles.tab, isSelected && styles.selected)}
            onClick={() => onSelect(tab.value)}
            onPointerEnter={tab.onIntent}
            onFocus={tab.onIntent}
            onKeyDown={(event) => {
              const to =
                event.key === "ArrowRight" ? index + 1 : event.key === "ArrowLeft" ? index - 1 : event.key === "Home" ? 0 : event.key === "End" ? tabs.length - 1 : null;
              if (to === null) return;
              event.preventDefault();
              select(to);
            }}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
};
