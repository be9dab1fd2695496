import type { TDestinationType, TTriggerType } from "@/lib/triggers/schemas";

export type WizardDraft = {
  destinationType: TDestinationType;
  type: TTriggerType;
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

/** The registration the wizard creates (and test-fires), as the API takes it. */
export const registrationBody = (draft: WizardDraft) => ({
  displayName: draft.displayName,
  destinationType: draft.destinationType,
  type: draft.type,
  parameters: { dataSourceId: draft.dataSourceId },
  callbackUrl: draft.callbackUrl,
  ...(draft.signingSecret ? { signingSecret: draft.signingSecret } : {}),
});
