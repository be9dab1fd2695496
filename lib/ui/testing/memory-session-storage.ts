import { afterEach, beforeEach } from "vitest";

const memoryStorage = () => {
  const data = new Map<string, string>();
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
    keys: () => [...data.keys()],
    values: () => [...data.values()],
  };
};

export type MemoryStorage = ReturnType<typeof memoryStorage>;

/**
 * Gives each test of the calling file a fresh in-memory `window.sessionStorage` (unit tests run
 * without a DOM); returns a function that reads the current one.
 */
export const useMemorySessionStorage = (): (() => MemoryStorage) => {
  let storage = memoryStorage();
  beforeEach(() => {
    storage = memoryStorage();
    (globalThis as { window?: unknown }).window = { sessionStorage: storage };
  });
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });
  return () => storage;
};
