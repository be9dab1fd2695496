import type { Translate } from "@/lib/i18n/translate";
import { type TSubjectKind, type TTriggerType, type TriggerVocabularyEntry, triggerVocabulary } from "@/lib/triggers/types/vocabulary";

// How screens name a trigger's type and what it watches, from the type's vocabulary entry. A
// type this build does not know (a newer server) shows its type string and no subject. Zod-free:
// lists import it.

const entryOf = (type: TTriggerType): TriggerVocabularyEntry | undefined =>
  (triggerVocabulary as Partial<Record<string, TriggerVocabularyEntry>>)[type];

export const triggerTypeName = (type: TTriggerType, t: Translate): string => {
  const entry = entryOf(type);
  return entry ? t(entry.catalog.name) : type;
};

type SubjectRow = { term: string; value: string };

const subjectRows: { [K in TSubjectKind]: (subjectName: string | null, t: Translate) => SubjectRow | null } = {
  dataSource: (subjectName, t) => ({ term: t("trigger.dataSource"), value: subjectName ?? t("wizard.configure.anyDataSource") }),
  instance: () => null,
  // A threshold always names its segment or measure.
  segment: (subjectName, t) => ({ term: t("trigger.segment"), value: subjectName ?? "" }),
  measure: (subjectName, t) => ({ term: t("trigger.measure"), value: subjectName ?? "" }),
};

/**
 * The row naming the watched subject (`subjectName` null: any), or null when the type watches
 * the whole instance.
 */
export const subjectRow = (type: TTriggerType, subjectName: string | null, t: Translate): SubjectRow | null => {
  const entry = entryOf(type);
  return entry ? subjectRows[entry.subjectKind](subjectName, t) : null;
};
