"use client";

import { useEffect, useState } from "react";

/** The value once it has stopped changing for `delayMs`: a search box asks the API when typing pauses, not at every key. */
export const useDebouncedValue = <T,>(value: T, delayMs: number): T => {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
};
