import type { TDestinationType, TTriggerParameters, TTriggerType } from "@/lib/triggers/schemas";
import type { TSubjectParameters } from "@/lib/triggers/types/subjects";
import { subjectKindOf, type TSubjectKind, triggerTypes } from "@/lib/triggers/types/vocabulary";
import { emptyThresholdDraft, type ThresholdDraft, thresholdParameters } from "@/components/thresholds/threshold-draft";
import type { ValueKind } from "@/components/thresholds/threshold-values";
import { describeDirection, describeHysteresis } from "@/components/thresholds/threshold-words";
import type { Formatters } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translate";

export type WizardDraft = ThresholdDraft & {
  destinationType: TDestinationType;
  type: TTriggerType;
  /** The data source field's choice (null: any), used by types that watch a data source. */
  dataSourceId: string | null;
  /** The watched segment or measure (null: not chosen yet), used by the threshold types. */
  segmentId: string | null;
  measureId: string | null;
  /** How the chosen subject's values read (a segment's size is a count); the threshold's input follows it. */
  valueKind: ValueKind;
  /** Which full refreshes a refresh.full.completed trigger listens to. */
  submissionKind: SubmissionKindChoice;
  displayName: string;
  /** Once the user types a name, picking another trigger or data source stops renaming it. */
  nameEdited: boolean;
  /**
   * How Power Automate gets the events: its connector, the flow subscribing when saved (`handoff`), or a
   * flow's HTTP request URL pasted here (`url`, the only way for a webhook).
   */
  connectMode: ConnectMode;
  /** Where a webhook (or a flow's HTTP request URL) is: a shared export destination, or a URL typed here. */
  endpointKind: EndpointKind;
  /** The chosen export destination (null: none yet) and its name, for the review. */
  destinationId: string | null;
  destinationName: string;
  callbackUrl: string;
  /** Set by the first test-fire and reused for later ones and for the save, so the tested endpoint keeps verifying. */
  signingSecret: string | null;
};

export type FieldErrors = Record<string, string>;

export const connectModes = ["handoff", "url"] as const;
export type ConnectMode = (typeof connectModes)[number];

export const endpointKinds = ["destination", "url"] as const;
export type EndpointKind = (typeof endpointKinds)[number];

/** True when the draft sends to an export destination rather than a URL typed in the wizard. */
export const sendsToDestination = (draft: Pick<WizardDraft, "connectMode" | "endpointKind">) =>
  draft.connectMode === "url" && draft.endpointKind === "destination";

export const submissionKindChoices = ["any", "scheduled", "onDemand"] as const;
export type SubmissionKindChoice = (typeof submissionKindChoices)[number];

export const wizardSteps = ["choose", "configure", "connect", "review"] as const;
export type WizardStep = (typeof wizardSteps)[number];

// The draft's parameters by the type's subject kind: what its configure fields hold. Null would
// mean the wizard has no fields for that kind, so it does not offer its types.
const subjectParameters: { [K in TSubjectKind]: ((draft: WizardDraft) => TSubjectParameters<K>) | null } = {
  dataSource: (draft) => ({ dataSourceId: draft.dataSourceId }),
  instance: () => ({}),
  segment: (draft) => ({ segmentId: draft.segmentId ?? "", ...thresholdParameters(draft, "count") }),
  measure: (draft) => ({ measureId: draft.measureId ?? "", ...thresholdParameters(draft, draft.valueKind) }),
};

/** A type's own parameters, next to its subject's. */
const typeParameters: Partial<Record<TTriggerType, (draft: WizardDraft) => object>> = {
  "refresh.full.completed": (draft) => ({ submissionKind: draft.submissionKind }),
};

/** The types the wizard offers, in the vocabulary's order. */
export const wizardTriggerTypes = triggerTypes.filter((type) => subjectParameters[subjectKindOf(type)] !== null);

export const draftParameters = (draft: WizardDraft): TTriggerParameters =>
  ({ ...subjectParameters[subjectKindOf(draft.type)]?.(draft), ...typeParameters[draft.type]?.(draft) }) as TTriggerParameters;

/** The parameter a draft field feeds, for clearing its stale errors (`parameters.<path>…`). */
export const parameterPathOf: Partial<Record<keyof WizardDraft, string>> = {
  dataSourceId: "dataSourceId",
  segmentId: "segmentId",
  measureId: "measureId",
  threshold: "threshold",
  direction: "direction",
  hysteresisKind: "hysteresis",
  hysteresisValue: "hysteresis",
  submissionKind: "submissionKind",
};

/** A new draft for this destination: the first type offered, nothing chosen. */
export const emptyDraft = (destinationType: TDestinationType): WizardDraft => ({
  destinationType,
  type: wizardTriggerTypes[0]!,
  dataSourceId: null,
  segmentId: null,
  measureId: null,
  valueKind: "count",
  ...emptyThresholdDraft,
  submissionKind: "any",
  displayName: "",
  nameEdited: false,
  connectMode: destinationType === "powerAutomate" ? "handoff" : "url",
  endpointKind: "url",
  destinationId: null,
  destinationName: "",
  callbackUrl: "",
  signingSecret: null,
});

/**
 * Where the draft sends, as the API takes it: a destination (which signs with its own secret), or
 * the URL with the secret of an earlier test event.
 */
export const endpointBody = (draft: WizardDraft) =>
  sendsToDestination(draft)
    ? { ...(draft.destinationId ? { destinationId: draft.destinationId } : {}) }
    : { callbackUrl: draft.callbackUrl, ...(draft.signingSecret ? { signingSecret: draft.signingSecret } : {}) };

/** The registration the wizard creates (and test-fires), as the API takes it. */
export const registrationBody = (draft: WizardDraft) => ({
  displayName: draft.displayName,
  destinationType: draft.destinationType,
  type: draft.type,
  parameters: draftParameters(draft),
  ...endpointBody(draft),
});

/** The type's own parameters in words, for the review: a threshold's, a full refresh's submission kind. */
export const parameterRows = (draft: WizardDraft, words: { t: Translate; format: Formatters }): [string, string][] =>
  draft.type === "refresh.full.completed"
    ? [[words.t("wizard.review.submissionKind"), words.t(`wizard.configure.submissionKind.${draft.submissionKind}`)]]
    : thresholdRows(draft, words);

const thresholdRows = (draft: WizardDraft, words: { t: Translate; format: Formatters }): [string, string][] => {
  const kind = subjectKindOf(draft.type);
  if (kind !== "segment" && kind !== "measure") return [];
  const valueKind = kind === "segment" ? "count" : draft.valueKind;
  const parameters = thresholdParameters(draft, valueKind);
  if (!Number.isFinite(parameters.threshold)) return [];
  return [
    [words.t("wizard.review.threshold"), describeDirection(parameters, valueKind, words)],
    [words.t("wizard.review.hysteresis"), describeHysteresis(parameters, valueKind, words)],
  ];
};
