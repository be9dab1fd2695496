"use client";

import { type RefObject, useEffect, useRef } from "react";

/**
 * Keeps the keyboard focus in a list whose rows have remove buttons: once a row is removed, its
 * button is gone, so the focus moves to the next row's remove button, else the previous row's,
 * else to `fallback` (the list's Add button) instead of dropping to the page.
 */
export const useRemovalFocus = <K extends string | number>(keys: readonly K[], fallback: RefObject<HTMLElement | null>) => {
  const buttons = useRef(new Map<K, HTMLElement>());
  const pending = useRef<(K | undefined)[] | null>(null);
  useEffect(() => {
    const candidates = pending.current;
    if (!candidates) return;
    pending.current = null;
    const target = candidates.map((key) => (key === undefined ? undefined : buttons.current.get(key))).find((button) => button?.isConnected);
    (target ?? fallback.current)?.focus();
  });
  return {
    /** The ref of a row's remove button. */
    removeButton: (key: K) => (element: HTMLElement | null) => {
      if (element) buttons.current.set(key, element);
      else buttons.current.delete(key);
    },
    /** Call with the row's key just before removing it. */
    removing: (key: K) => {
      const index = keys.indexOf(key);
      pending.current = [keys[index + 1], keys[index - 1]];
    },
  };
};
