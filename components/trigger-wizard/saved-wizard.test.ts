import { describe, expect, it } from "vitest";
import { useMemorySessionStorage } from "@/lib/ui/testing/memory-session-storage";
import { saveDraftsBeforeRedirect, onBeforeInteractiveRedirect } from "@/lib/ui/auth/redirect-drafts";
import { forgetSavedWizard, readSavedWizard, saveWizard } from "./saved-wizard";
import type { WizardDraft } from "./wizard-state";

const storage = useMemorySessionStorage();

const draft: WizardDraft = {
  destinationType: "webhook",
  type: "datasource.refresh.succeeded",
  dataSourceId: "ds_1",
  segmentId: null,
  measureId: null,
  valueKind: "count",
  threshold: "",
  direction: "above",
  hysteresisKind: "none",
  hysteresisValue: "",
  submissionKind: "any",
  connectMode: "url",
  endpointKind: "destination",
  destinationId: "dst_1",
  destinationName: "Order service",
  displayName: "My hook",
  nameEdited: true,
  callbackUrl: "https://example.com/hook",
  signingSecret: "whsec_c2VjcmV0",
};

describe("the wizard across an interactive sign-in", () => {
  it("comes back on the same step with what was typed, but never stores the signing secret", () => {
    const unregister = onBeforeInteractiveRedirect(() => saveWizard("contoso-retail", { step: 3, draft }));
    saveDraftsBeforeRedirect();
    unregister();
    expect(storage().values().join()).not.toContain("whsec_");

    expect(readSavedWizard("contoso-retail", "webhook")).toEqual({ step: 3, draft: { ...draft, signingSecret: null } });
    // Another instance or destination type does not pick it up.
    expect(readSavedWizard("fabrikam-outdoor", "webhook")).toBeNull();
    expect(readSavedWizard("contoso-retail", "powerAutomate")).toBeNull();

    forgetSavedWizard("contoso-retail", "webhook");
    expect(readSavedWizard("contoso-retail", "webhook")).toBeNull();
  });

  it("reads back a draft saved before export destinations existed, as sending to its URL", () => {
    const { endpointKind: _kind, destinationId: _id, destinationName: _name, ...older } = draft;
    saveWizard("contoso-retail", { step: 2, draft: older as WizardDraft });
    expect(readSavedWizard("contoso-retail", "webhook")?.draft).toMatchObject({ endpointKind: "url", destinationId: null, destinationName: "" });
  });

  it("ignores a saved draft that is malformed or tampered with", () => {
    saveWizard("contoso-retail", { step: 1, draft });
    const [key] = storage().keys();
    storage().setItem(key!, JSON.stringify({ step: 9, draft }));
    expect(readSavedWizard("contoso-retail", "webhook")).toBeNull();
    storage().setItem(key!, "{not json");
    expect(readSavedWizard("contoso-retail", "webhook")).toBeNull();
  });

  it("a failing saver does not stop the others (the redirect must still happen)", () => {
    const saved: string[] = [];
    const a = onBeforeInteractiveRedirect(() => {
      throw new Error("storage full");
    });
    const b = onBeforeInteractiveRedirect(() => saved.push("b"));
    saveDraftsBeforeRedirect();
    a();
    b();
    expect(saved).toEqual(["b"]);
  });
});
