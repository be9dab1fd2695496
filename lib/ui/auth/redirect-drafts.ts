// Unsaved work survives an interactive sign-in: before the page navigates to the identity
// provider, every open form writes what the user typed to sessionStorage (this tab only), and
// reads it back once when it mounts again after the return.

const PREFIX = "audience-insights.draft.";
const savers = new Set<() => void>();

/** A form registers how to save itself; the returned function unregisters it. */
export const onBeforeInteractiveRedirect = (save: () => void) => {
  savers.add(save);
  return () => {
    savers.delete(save);
  };
};

export const saveDraftsBeforeRedirect = () => {
  for (const save of savers) {
    try {
      save();
    } catch {
      // A full or disabled storage must not stop the sign-in itself.
    }
  }
};

export const writeDraft = (key: string, value: unknown) => {
  window.sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
};

/** Whether a draft was saved under this key (without reading it). */
export const hasDraft = (key: string) => typeof window !== "undefined" && window.sessionStorage.getItem(PREFIX + key) !== null;

/** A saved draft, or null; `parse` rejects anything malformed. Call `removeDraft` once it is restored. */
export const readDraft = <T>(key: string, parse: (value: unknown) => T | null): T | null => {
  if (typeof window === "undefined") return null;
  const raw = window.sessionStorage.getItem(PREFIX + key);
  if (raw === null) return null;
  try {
    return parse(JSON.parse(raw));
  } catch {
    return null;
  }
};

export const removeDraft = (key: string) => {
  if (typeof window !== "undefined") window.sessionStorage.removeItem(PREFIX + key);
};
