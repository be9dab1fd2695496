import type { TDestinationType } from "@/lib/triggers/schemas";
import { hasDraft, removeDraft, writeDraft } from "@/lib/ui/auth/redirect-drafts";
import type { WizardDraft } from "./wizard-state";

// Where the wizard keeps itself across an interactive sign-in (saved-wizard.ts reads it back and
// checks it with zod; this half needs no zod, so the wizard's first load does not either). The
// signing secret of a test event is left out on purpose: secrets never go to storage, and the next
// test event simply gets a new one.

export type SavedWizard = { step: number; draft: WizardDraft };

export const savedWizardKey = (instanceId: string, destinationType: TDestinationType) => `trigger-wizard:${instanceId}:${destinationType}`;

export const hasSavedWizard = (instanceId: string, destinationType: TDestinationType) => hasDraft(savedWizardKey(instanceId, destinationType));

export const saveWizard = (instanceId: string, { step, draft }: SavedWizard) => {
  const { signingSecret: _secret, ...kept } = draft;
  writeDraft(savedWizardKey(instanceId, draft.destinationType), { step, draft: kept });
};

export const forgetSavedWizard = (instanceId: string, destinationType: TDestinationType) =>
  removeDraft(savedWizardKey(instanceId, destinationType));
