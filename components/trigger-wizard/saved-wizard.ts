import { z } from "zod";
import { ZDestinationType, ZTriggerType } from "@/lib/triggers/schemas";
import type { TDestinationType } from "@/lib/triggers/schemas";
import { readDraft, removeDraft, writeDraft } from "@/lib/ui/auth/redirect-drafts";
import { type WizardDraft, wizardSteps } from "./wizard-state";

// What the wizard keeps across an interactive sign-in. The signing secret of a test event is left
// out on purpose: secrets never go to storage, and the next test event simply gets a new one.

const ZSavedWizard = z.object({
  step: z.number().int().min(0).max(wizardSteps.length - 1),
  draft: z.object({
    destinationType: ZDestinationType,
    type: ZTriggerType,
    dataSourceId: z.string().nullable(),
    displayName: z.string().max(500),
    nameEdited: z.boolean(),
    callbackUrl: z.string().max(4000),
  }),
});

export type SavedWizard = { step: number; draft: WizardDraft };

const keyOf = (instanceId: string, destinationType: TDestinationType) => `trigger-wizard:${instanceId}:${destinationType}`;

export const saveWizard = (instanceId: string, { step, draft }: SavedWizard) => {
  const { signingSecret: _secret, ...kept } = draft;
  writeDraft(keyOf(instanceId, draft.destinationType), { step, draft: kept });
};

export const readSavedWizard = (instanceId: string, destinationType: TDestinationType): SavedWizard | null =>
  readDraft(keyOf(instanceId, destinationType), (value) => {
    const parsed = ZSavedWizard.safeParse(value);
    if (!parsed.success || parsed.data.draft.destinationType !== destinationType) return null;
    return { step: parsed.data.step, draft: { ...parsed.data.draft, signingSecret: null } };
  });

export const forgetSavedWizard = (instanceId: string, destinationType: TDestinationType) => removeDraft(keyOf(instanceId, destinationType));
