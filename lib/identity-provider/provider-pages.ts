import type { KoaContextWithOIDC } from "oidc-provider";
import { escapeHtml, pageHeaders, renderPage } from "./page-layout";

// oidc-provider's default pages load Google Fonts and look foreign; these replace them.

const applyHeaders = (ctx: KoaContextWithOIDC, script?: string) => {
  for (const [name, value] of Object.entries(pageHeaders(script))) ctx.set(name, value);
};

// With a validated id_token_hint the app itself asked to sign out: confirm without a click
// (OpenID RP-Initiated Logout lets the provider skip the prompt then).
const autoConfirm = `document.getElementById("sign-out").click();`;

export const logoutSource = async (ctx: KoaContextWithOIDC, form: string) => {
  const hinted = typeof ctx.oidc.params?.id_token_hint === "string";
  applyHeaders(ctx, hinted ? autoConfirm : undefined);
  ctx.type = "html";
  ctx.body = renderPage({
    title: "Sign out",
    body: `<h1>Sign out</h1>
<p>Do you want to sign out of Audience Insights?</p>
${form}
<div class="actions">
<button id="sign-out" class="primary" type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>
</div>`,
    script: hinted ? autoConfirm : undefined,
  });
};

export const postLogoutSuccessSource = async (ctx: KoaContextWithOIDC) => {
  applyHeaders(ctx);
  ctx.type = "html";
  ctx.body = renderPage({
    title: "Signed out",
    body: `<h1>You're signed out</h1><p>You can close this window.</p>`,
  });
};

export const renderError = async (ctx: KoaContextWithOIDC, out: { error?: string; error_description?: string }) => {
  applyHeaders(ctx);
  ctx.type = "html";
  ctx.body = renderPage({
    title: "Sign-in problem",
    body: `<h1>Something went wrong</h1>
<p>${escapeHtml(out.error_description ?? "The sign-in request could not be completed.")}</p>
<p>Error code: <code id="error-code">${escapeHtml(out.error ?? "server_error")}</code></p>
<p>Go back to Audience Insights and sign in again.</p>`,
  });
};
