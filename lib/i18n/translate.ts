import type { Catalog, MessageKey } from "./messages/en";

export type MessageValues = Record<string, string | number>;
export type Translate = ((key: MessageKey, values?: MessageValues) => string) & {
  /** Whether the catalog has this key: for keys built from codes the server sends. */
  has: (key: string) => key is MessageKey;
};

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export const interpolate = (template: string, values?: MessageValues) =>
  values ? template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match)) : template;

export const createTranslator = (messages: Catalog): Translate =>
  Object.assign((key: MessageKey, values?: MessageValues) => interpolate(messages[key] ?? key, values), {
    has: (key: string): key is MessageKey => Object.hasOwn(messages, key),
  });
