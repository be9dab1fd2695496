import type { z } from "zod";
import type { TSubjectParameters, subjects } from "./subjects";
import { type SubjectKindOf, type TSubjectKind, type TTriggerType, type TriggerVocabularyEntry, triggerVocabulary } from "./vocabulary";

/** What a sample (test-fire) event knows of its subject, by subject kind: found in the instance, or null. */
export type SampleSubject = {
  dataSource: { dataSource: { id: string; name: string; kind: string } | null };
  instance: Record<never, never>;
  segment: { segment: { id: string; name: string } | null };
  measure: { measure: { id: string; name: string; aggregation: string; attribute: string | null; segmentId: string | null } | null };
};

/** What a sample event is about: the instance, and the subject its kind watches. */
export type SampleFacts<K extends TSubjectKind = TSubjectKind> = K extends TSubjectKind
  ? {
      instance: { id: string; name: string };
      /**
       * The parameters of the registration (or the wizard's draft) being test-fired, when known: a
       * type whose events echo its parameters (a threshold) reads them through its own schema, so
       * the sample shows the user's own settings. Unchecked here.
       */
      parameters?: unknown;
    } & SampleSubject[K]
  : never;

/** What the delivery side hands a type to make up realistic inputs for a sample event. */
export type SampleContext<K extends TSubjectKind = TSubjectKind> = SampleFacts<K> & {
  now: Date;
  /** A fresh id with this prefix (ids come from node:crypto, which this browser-safe module must not import). */
  newId: (prefix: string) => string;
};

/**
 * One trigger type: its vocabulary entry (type string, subject kind, catalog keys), its parameter
 * schema, and the builder of its events' `data`. The producer that detects the type and the
 * test-fire's sample event both call `buildData`, the sample with `sampleInput`'s made-up values,
 * so a flow built against a test event keeps working on real ones.
 */
export type TriggerTypeDefinition<T extends TTriggerType, P extends z.ZodObject, I, D extends z.ZodObject = z.ZodObject> = TriggerVocabularyEntry & {
  type: T;
  subjectKind: SubjectKindOf<T>;
  /** The parameters of a registration of this type; at least its subject's. */
  parameters: P;
  /**
   * The shape of its events' `data`, key for key (strict objects): what the connector declares to
   * Power Automate (x-ms-notification-content). The builder's result is checked against it.
   */
  data: D;
  buildData: (input: I) => z.output<D>;
  sampleInput: (context: SampleContext<SubjectKindOf<T>>) => I;
};

/** The parameters hold the subject's; a subject without parameters (the instance) leaves a type free to take its own. */
type HoldsSubjectParameters<P extends z.ZodObject, K extends TSubjectKind> = [keyof (typeof subjects)[K]["parameters"]["shape"]] extends [never]
  ? true
  : z.infer<P> extends TSubjectParameters<K>
    ? true
    : false;

/** Fills in the vocabulary entry and checks the parameters hold the subject's. */
export const defineTriggerType = <T extends TTriggerType, P extends z.ZodObject, I, D extends z.ZodObject>(
  type: T,
  definition: {
    parameters: P & (HoldsSubjectParameters<P, SubjectKindOf<T>> extends true ? unknown : "the parameters must include the subject's");
    data: D;
    buildData: (input: I) => z.output<D>;
    sampleInput: (context: SampleContext<SubjectKindOf<T>>) => I;
  },
): TriggerTypeDefinition<T, P, I, D> => ({
  type,
  ...(triggerVocabulary[type] as TriggerVocabularyEntry & { subjectKind: SubjectKindOf<T> }),
  ...definition,
});
