import { z } from "zod";
import { ZDestinationType, ZTriggerType } from "@/lib/triggers/schemas";
import type { TDestinationType } from "@/lib/triggers/schemas";
import { hysteresisChoices } from "@/components/thresholds/threshold-draft";
import { measureValueKinds } from "@/lib/measures/measure-vocabulary";
import { thresholdDirections } from "@/lib/triggers/thresholds/crossing";
import { readDraft } from "@/lib/ui/auth/redirect-drafts";
import { type SavedWizard, savedWizardKey } from "./saved-wizard-storage";
import { connectModes, endpointKinds, submissionKindChoices, wizardSteps } from "./wizard-state";

// Reading back what the wizard kept across an interactive sign-in, checked, since storage can hold
// anything. Loaded on demand: only a wizard that comes back from the identity provider needs it.

export { forgetSavedWizard, type SavedWizard, saveWizard } from "./saved-wizard-storage";

const ZSavedWizard = z.object({
  step: z.number().int().min(0).max(wizardSteps.length - 1),
  draft: z.object({
    destinationType: ZDestinationType,
    type: ZTriggerType,
    dataSourceId: z.string().nullable(),
    segmentId: z.string().max(100).nullable(),
    measureId: z.string().max(100).nullable(),
    valueKind: z.enum(measureValueKinds),
    threshold: z.string().max(100),
    direction: z.enum(thresholdDirections),
    hysteresisKind: z.enum(hysteresisChoices),
    hysteresisValue: z.string().max(100),
    submissionKind: z.enum(submissionKindChoices),
    displayName: z.string().max(500),
    nameEdited: z.boolean(),
    connectMode: z.enum(connectModes),
    // Defaults: a draft saved before destinations existed still reads back.
    endpointKind: z.enum(endpointKinds).default("url"),
    destinationId: z.string().max(100).nullable().default(null),
    destinationName: z.string().max(500).default(""),
    callbackUrl: z.string().max(4000),
  }),
});

export const readSavedWizard = (instanceId: string, destinationType: TDestinationType): SavedWizard | null =>
  readDraft(savedWizardKey(instanceId, destinationType), (value) => {
    const parsed = ZSavedWizard.safeParse(value);
    if (!parsed.success || parsed.data.draft.destinationType !== destinationType) return null;
    return { step: parsed.data.step, draft: { ...parsed.data.draft, signingSecret: null } };
  });
