/** Focuses the element with this id once React has rendered the change that brings it (or keeps it). */
export const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
