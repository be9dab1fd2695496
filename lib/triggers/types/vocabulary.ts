import type { MessageKey } from "../../i18n/messages/en";

// The trigger vocabulary as plain values: every type's string, what it watches and its catalog
// entries. Screens that only name or list triggers import this, not index.ts: the definitions
// carry zod schemas, which would land in those screens' first load. index.ts is checked against
// this list (`satisfies Record<TTriggerType, …>`), so a type declared here cannot lack a definition.

/**
 * What a trigger watches, which decides its subject parameter, the registration's column the
 * fan-out matches on, the scope check and the wizard's configure fields (lib/triggers/types/subjects.ts).
 * `instance`: the whole instance, no parameter beyond the path. `segment`, `measure`: exactly one
 * of the instance (a threshold watches one value; there is no "any").
 */
export const subjectKinds = ["dataSource", "instance", "segment", "measure"] as const;
export type TSubjectKind = (typeof subjectKinds)[number];

export type TriggerVocabularyEntry = {
  subjectKind: TSubjectKind;
  catalog: {
    /** The type's name in lists, the wizard's choices and the trigger's page. */
    name: MessageKey;
    description: MessageKey;
    /** The name the wizard suggests; `{subject}` is the watched subject's name. */
    defaultName: MessageKey;
  };
};

export const triggerVocabulary = {
  "datasource.refresh.failed": {
    subjectKind: "dataSource",
    catalog: {
      name: "triggerType.datasource.refresh.failed",
      description: "triggerType.datasource.refresh.failed.description",
      defaultName: "wizard.defaultName.datasource.refresh.failed",
    },
  },
  "datasource.refresh.succeeded": {
    subjectKind: "dataSource",
    catalog: {
      name: "triggerType.datasource.refresh.succeeded",
      description: "triggerType.datasource.refresh.succeeded.description",
      defaultName: "wizard.defaultName.datasource.refresh.succeeded",
    },
  },
  "segment.threshold.crossed": {
    subjectKind: "segment",
    catalog: {
      name: "triggerType.segment.threshold.crossed",
      description: "triggerType.segment.threshold.crossed.description",
      defaultName: "wizard.defaultName.segment.threshold.crossed",
    },
  },
  "measure.threshold.crossed": {
    subjectKind: "measure",
    catalog: {
      name: "triggerType.measure.threshold.crossed",
      description: "triggerType.measure.threshold.crossed.description",
      defaultName: "wizard.defaultName.measure.threshold.crossed",
    },
  },
  "unification.refresh.completed": {
    subjectKind: "instance",
    catalog: {
      name: "triggerType.unification.refresh.completed",
      description: "triggerType.unification.refresh.completed.description",
      defaultName: "wizard.defaultName.unification.refresh.completed",
    },
  },
  "refresh.full.completed": {
    subjectKind: "instance",
    catalog: {
      name: "triggerType.refresh.full.completed",
      description: "triggerType.refresh.full.completed.description",
      defaultName: "wizard.defaultName.refresh.full.completed",
    },
  },
} as const satisfies Record<string, TriggerVocabularyEntry>;

export type TTriggerType = keyof typeof triggerVocabulary;
export type SubjectKindOf<T extends TTriggerType> = (typeof triggerVocabulary)[T]["subjectKind"];

/** Every type, in the order the wizard offers them. */
export const triggerTypes = Object.keys(triggerVocabulary) as [TTriggerType, ...TTriggerType[]];

export const subjectKindOf = (type: TTriggerType): TSubjectKind => triggerVocabulary[type].subjectKind;
