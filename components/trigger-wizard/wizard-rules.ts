import type { Translate } from "@/lib/i18n/translate";
import { validateWith } from "@/lib/i18n/zod-messages";
import { ZDraftTestFire } from "@/lib/delivery/schemas";
import { z } from "zod";
import { ZCallbackUrl, ZCreateTriggerRegistration, ZDisplayName, ZTriggerType } from "@/lib/triggers/schemas";
import { triggerTypeDefinitions } from "@/lib/triggers/types";
import { draftParameters, endpointBody, type FieldErrors, registrationBody, sendsToDestination, type WizardDraft } from "./wizard-state";

// The wizard's checks, with the API's own schemas. Loaded on demand (the first Next, test event or
// save): zod weighs more than the rest of the wizard, and a first step needs none of it to appear.

// The configure step: the name, and the parameters of the chosen type.
const configureSchema = (draft: WizardDraft) => z.object({ displayName: ZDisplayName, parameters: triggerTypeDefinitions[draft.type].parameters });
const ZConnect = z.object({ callbackUrl: ZCallbackUrl });

/** The field errors of one step (0–3; the last checks the whole registration). */
export const validateStep = (index: number, draft: WizardDraft, t: Translate): FieldErrors => {
  // An export destination is chosen from a list: the only thing to check is that one was.
  if (index >= 2 && sendsToDestination(draft) && !draft.destinationId) return { destinationId: t("wizard.connect.destinationRequired") };
  if (index === 2 && sendsToDestination(draft)) return {};
  const result =
    index === 0
      ? validateWith(ZTriggerType, draft.type, t, "type", "validation.chooseTrigger")
      : index === 1
        ? validateWith(configureSchema(draft), { displayName: draft.displayName, parameters: draftParameters(draft) }, t, "displayName", "validation.required")
        : index === 2
          ? validateWith(ZConnect, { callbackUrl: draft.callbackUrl }, t, "callbackUrl", "validation.callbackUrl.invalid")
          : validateWith(ZCreateTriggerRegistration, registrationBody(draft), t, "callbackUrl", "validation.callbackUrl.invalid");
  if (result.ok) return {};
  // ZTriggerType reports at the root path ("").
  return index === 0 ? { type: t("validation.chooseTrigger") } : withSubjectChoice(result.errors, draft, t);
};

/** An unchosen segment or measure reads as "choose one", not as an invalid id. */
const withSubjectChoice = (errors: FieldErrors, draft: WizardDraft, t: Translate): FieldErrors => ({
  ...errors,
  ...(errors["parameters.segmentId"] && draft.segmentId === null ? { "parameters.segmentId": t("wizard.configure.segmentRequired") } : {}),
  ...(errors["parameters.measureId"] && draft.measureId === null ? { "parameters.measureId": t("wizard.configure.measureRequired") } : {}),
});

/** The test event's request for this draft, or the field errors that stop it. */
export const checkTestFire = (draft: WizardDraft, t: Translate) =>
  sendsToDestination(draft) && !draft.destinationId
    ? ({ ok: false, errors: { destinationId: t("wizard.connect.destinationRequired") } } as const)
    : validateWith(
        ZDraftTestFire,
        // A pasted endpoint says what it takes; a destination says it itself.
        { type: draft.type, parameters: draftParameters(draft), ...endpointBody(draft), ...(sendsToDestination(draft) ? {} : { destinationType: draft.destinationType }) },
        t,
        "callbackUrl",
        "validation.callbackUrl.invalid",
      );
