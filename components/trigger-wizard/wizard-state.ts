import type { TDestinationType, TTriggerParameters, TTriggerType } from "@/lib/triggers/schemas";
import type { TSubjectParameters } from "@/lib/triggers/types/subjects";
import { subjectKindOf, type TSubjectKind, triggerTypes } from "@/lib/triggers/types/vocabulary";

export type WizardDraft = {
  destinationType: TDestinationType;
  type: TTriggerType;
  /** The data source field's choice (null: any), used by types that watch a data source. */
  dataSourceId: string | null;
  displayName: string;
  /** Once the user types a name, picking another trigger or data source stops renaming it. */
  nameEdited: boolean;
  callbackUrl: string;
  /** Set by the first test-fire and reused for later ones and for the save, so the tested endpoint keeps verifying. */
  signingSecret: string | null;
};

export type FieldErrors = Record<string, string>;

export const wizardSteps = ["choose", "configure", "connect", "review"] as const;
export type WizardStep = (typeof wizardSteps)[number];

// The draft's parameters by the type's subject kind: what its configure fields hold. Null: the
// wizard has no fields for that kind yet (segment and measure thresholds need their pickers, the
// current value and the back-test chart), so it does not offer its types; the API takes them.
const subjectParameters: { [K in TSubjectKind]: ((draft: WizardDraft) => TSubjectParameters<K>) | null } = {
  dataSource: (draft) => ({ dataSourceId: draft.dataSourceId }),
  instance: () => ({}),
  segment: null,
  measure: null,
};

/** The types the wizard offers, in the vocabulary's order. */
export const wizardTriggerTypes = triggerTypes.filter((type) => subjectParameters[subjectKindOf(type)] !== null);

export const draftParameters = (draft: WizardDraft): TTriggerParameters =>
  (subjectParameters[subjectKindOf(draft.type)]?.(draft) ?? {}) as TTriggerParameters;

/** The registration the wizard creates (and test-fires), as the API takes it. */
export const registrationBody = (draft: WizardDraft) => ({
  displayName: draft.displayName,
  destinationType: draft.destinationType,
  type: draft.type,
  parameters: draftParameters(draft),
  callbackUrl: draft.callbackUrl,
  ...(draft.signingSecret ? { signingSecret: draft.signingSecret } : {}),
});
