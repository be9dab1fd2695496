import type { PublicAuthConfig } from "@/lib/auth/auth-config";
import type { Translate } from "@/lib/i18n/translate";

/** MSAL's AuthError code, read by shape: importing its class would load MSAL on pages that do not need it. */
const msalErrorCode = (error: unknown) => {
  const code = typeof error === "object" && error !== null ? (error as { errorCode?: unknown }).errorCode : undefined;
  return typeof code === "string" ? code : "";
};

/**
 * MSAL's errors are codes meant for developers. The common one on a fresh machine is the
 * embedded provider's certificate not being trusted yet, which MSAL reports as an endpoint
 * resolution failure (a fetch has no "proceed anyway"): say what to do about it.
 */
export const describeSignInError = (error: unknown, config: PublicAuthConfig, t: Translate) => {
  const code = msalErrorCode(error);
  if (code === "endpoints_resolution_error" || code === "no_network_connectivity" || code === "network_error") {
    return config.mode === "embedded"
      ? t("auth.providerUnreachableEmbedded", { authority: config.authority })
      : t("auth.providerUnreachable", { authority: config.authority });
  }
  if (code === "access_denied" || code === "user_cancelled") return t("auth.signInCancelled");
  return t("auth.signInError", { code: code || (error instanceof Error ? error.message : String(error)) });
};
