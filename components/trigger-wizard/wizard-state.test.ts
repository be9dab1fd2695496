import { describe, expect, it } from "vitest";
import { createFormatters } from "@/lib/i18n/format";
import { en } from "@/lib/i18n/messages/en";
import { createTranslator } from "@/lib/i18n/translate";
import { triggerTypeDefinitions } from "@/lib/triggers/types";
import type { Translate } from "@/lib/i18n/translate";
import { checkTestFire, validateStep } from "./wizard-rules";
import { draftParameters, emptyDraft, parameterRows, registrationBody, type WizardDraft, wizardTriggerTypes } from "./wizard-state";

const t = createTranslator(en);
const words = { t, format: createFormatters("en", t) };
const draft = (patch: Partial<WizardDraft>): WizardDraft => ({ ...emptyDraft("webhook"), ...patch });

describe("the wizard's draft as parameters", () => {
  it("offers every type, thresholds and the full refresh included", () => {
    expect(wizardTriggerTypes).toEqual(expect.arrayContaining(["segment.threshold.crossed", "measure.threshold.crossed", "refresh.full.completed"]));
  });

  it("a segment threshold's fields make parameters its type's schema takes", () => {
    const segment = draft({ type: "segment.threshold.crossed", segmentId: "seg_1", threshold: "1500", direction: "either", hysteresisKind: "absolute", hysteresisValue: "50" });
    const parameters = draftParameters(segment);
    expect(parameters).toEqual({ segmentId: "seg_1", threshold: 1500, direction: "either", hysteresis: { kind: "absolute", value: 50 } });
    expect(triggerTypeDefinitions["segment.threshold.crossed"].parameters.safeParse(parameters).success).toBe(true);
    expect(parameterRows(segment, words)).toEqual([
      ["Threshold", "Crosses 1,500, either way"],
      ["Re-arm margin", "50: after firing, the value must go back that far past the threshold before it can fire again"],
    ]);
  });

  it("a measure's threshold reads by its value kind; a missing one is refused at its field", () => {
    const dated = draft({ type: "measure.threshold.crossed", measureId: "mea_1", valueKind: "date", threshold: "2026-12-01" });
    expect(draftParameters(dated)).toMatchObject({ measureId: "mea_1", threshold: Date.UTC(2026, 11, 1), hysteresis: null });
    const missing = triggerTypeDefinitions["measure.threshold.crossed"].parameters.safeParse(draftParameters(draft({ type: "measure.threshold.crossed", measureId: "mea_1" })));
    expect(missing.error?.issues.map((issue) => issue.path.join("."))).toEqual(["threshold"]);
    expect(parameterRows(draft({ type: "measure.threshold.crossed" }), words)).toEqual([]);
  });

  it("a full refresh trigger carries its submission kind; other types none of these fields", () => {
    const refresh = draft({ type: "refresh.full.completed", submissionKind: "scheduled" });
    expect(draftParameters(refresh)).toEqual({ submissionKind: "scheduled" });
    expect(triggerTypeDefinitions["refresh.full.completed"].parameters.safeParse(draftParameters(refresh)).success).toBe(true);
    expect(parameterRows(refresh, words)).toEqual([["Full refreshes", "Scheduled ones only"]]);
    expect(draftParameters(draft({ type: "datasource.refresh.failed", dataSourceId: "ds_1", submissionKind: "scheduled" }))).toEqual({ dataSourceId: "ds_1" });
  });
});

describe("the wizard's endpoint", () => {
  const t = ((key: string) => key) as Translate;

  it("sends a chosen export destination instead of the URL and the test event's secret", () => {
    const chosen = draft({ endpointKind: "destination", destinationId: "dst_1", destinationName: "Orders", callbackUrl: "https://example.com/x", signingSecret: "whsec_x" });
    const body = registrationBody(chosen);
    expect(body).toMatchObject({ destinationId: "dst_1" });
    expect(body).not.toHaveProperty("callbackUrl");
    expect(body).not.toHaveProperty("signingSecret");
    expect(validateStep(2, chosen, t)).toEqual({});
    const test = checkTestFire(chosen, t);
    expect(test.ok && test.data).toMatchObject({ destinationId: "dst_1" });
  });

  it("asks for a destination when that choice has none yet, at the connect step and at save", () => {
    const unchosen = draft({ endpointKind: "destination" });
    expect(validateStep(2, unchosen, t)).toEqual({ destinationId: "wizard.connect.destinationRequired" });
    expect(validateStep(3, unchosen, t)).toEqual({ destinationId: "wizard.connect.destinationRequired" });
    expect(checkTestFire(unchosen, t).ok).toBe(false);
  });

  it("Power Automate's hand-off never sends to a destination, whatever was chosen before", () => {
    const handoff = { ...emptyDraft("powerAutomate"), endpointKind: "destination" as const, destinationId: "dst_1", callbackUrl: "https://example.com/flow" };
    expect(registrationBody(handoff)).toMatchObject({ callbackUrl: "https://example.com/flow" });
    expect(registrationBody({ ...handoff, connectMode: "url" })).toMatchObject({ destinationId: "dst_1" });
  });
});
