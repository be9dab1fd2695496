import { describe, expect, it } from "vitest";
import { useMemorySessionStorage } from "@/lib/ui/testing/memory-session-storage";
import {
  clearSession,
  dropSessionToken,
  getSession,
  markMsalUsed,
  msalUsedInThisTab,
  RENEW_BEFORE_EXPIRY_MS,
  saveSession,
  type SignedInSession,
  subscribeToSession,
  usableAccessToken,
} from "./session-store";

const storage = useMemorySessionStorage();

const session: SignedInSession = {
  homeAccountId: "user-1.contoso",
  name: "Avery Admin",
  username: "admin@contoso.example",
  tenantId: "contoso",
  role: "Admin",
  accessToken: "header.payload.signature",
  expiresOn: Date.now() + 60 * 60_000,
};

describe("the tab's session copy", () => {
  it("reads back what was saved, as one stable value until it changes, and tells subscribers", () => {
    const seen: (SignedInSession | null)[] = [];
    const unsubscribe = subscribeToSession(() => seen.push(getSession()));
    expect(getSession()).toBeNull();
    saveSession(session);
    expect(getSession()).toEqual(session);
    expect(getSession()).toBe(getSession());
    clearSession();
    expect(getSession()).toBeNull();
    unsubscribe();
    expect(seen).toEqual([session, null]);
  });

  it("ignores storage that is not a session (malformed, tampered role)", () => {
    storage().setItem("audience-insights.session", "{not json");
    expect(getSession()).toBeNull();
    storage().setItem("audience-insights.session", JSON.stringify({ ...session, role: "Owner" }));
    expect(getSession()).toBeNull();
    storage().setItem("audience-insights.session", JSON.stringify({ ...session, expiresOn: "soon" }));
    expect(getSession()).toBeNull();
  });

  it("serves its token only while it is not about to expire, and never after a redirect dropped it", () => {
    const now = Date.now();
    expect(usableAccessToken(session, now)).toBe(session.accessToken);
    expect(usableAccessToken({ ...session, expiresOn: now + RENEW_BEFORE_EXPIRY_MS - 1 }, now)).toBeNull();
    expect(usableAccessToken(null, now)).toBeNull();
    saveSession(session);
    dropSessionToken();
    expect(getSession()?.name).toBe("Avery Admin");
    expect(usableAccessToken(getSession(), now)).toBeNull();
  });

  it("remembers that MSAL ran in this tab", () => {
    expect(msalUsedInThisTab()).toBe(false);
    markMsalUsed();
    expect(msalUsedInThisTab()).toBe(true);
  });
});
