import type { IncomingMessage, ServerResponse } from "node:http";
import type { InteractionDetails, Provider } from "oidc-provider";
import { getDb } from "../db/client";
import { SPA_CLIENT_ID } from "./clients";
import { type DemoAccount, invalidCredentialsMessage, renderLoginPage, renderMessagePage } from "./login-page";
import { pageHeaders } from "./page-layout";
import { verifyPassword } from "../crypto/passwords";
import type { SignInThrottle } from "./sign-in-throttle";

export type InteractionOptions = {
  /** Accounts listed under the form (demo mode only); empty hides the hint. */
  demoAccounts: () => Promise<{ accounts: DemoAccount[]; password: string } | undefined>;
  throttle: SignInThrottle;
};

export const tooManyAttemptsMessage = "Too many failed sign-in attempts. Wait a few minutes and try again.";

const maxBodyBytes = 16 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

const send = (res: ServerResponse, status: number, html: string) => {
  res.writeHead(status, pageHeaders());
  res.end(html);
};

const readForm = async (req: IncomingMessage) => {
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) {
    throw new HttpError(415, "Unsupported request", "The sign-in form must be posted as a form.");
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new HttpError(413, "Request too large", "The sign-in form is too large.");
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
};

// oidc-provider ties the interaction to a cookie set on this browser (SameSite=Lax, path
// /interaction/<uid>): a page or post without it, from another site or after it expired, fails here.
const loadInteraction = async (provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string) => {
  let details: InteractionDetails;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    throw new HttpError(
      400,
      "Sign-in expired",
      "This sign-in page has expired or was opened in another browser. Go back to Audience Insights and sign in again.",
    );
  }
  if (details.uid !== uid) throw new HttpError(400, "Sign-in expired", "This sign-in page does not match your sign-in request.");
  return details;
};

const loginPage = async (options: InteractionOptions, uid: string, extra: { email?: string; error?: string } = {}) => {
  const demo = await options.demoAccounts();
  return renderLoginPage({ uid, ...extra, demoAccounts: demo?.accounts, demoPassword: demo?.password });
};

// The first-party SPA gets what it asks for without a consent screen.
const grantConsent = async (provider: Provider, details: InteractionDetails) => {
  const { prompt, params, session } = details;
  if (params.client_id !== SPA_CLIENT_ID || !session?.accountId) return undefined;
  const grant =
    (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
    new provider.Grant({ accountId: session.accountId, clientId: SPA_CLIENT_ID });
  const missingScope = prompt.details.missingOIDCScope as string[] | undefined;
  if (missingScope) grant.addOIDCScope(missingScope.join(" "));
  const missingResourceScopes = prompt.details.missingResourceScopes as Record<string, string[]> | undefined;
  for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(" "));
  }
  return grant.save();
};

const show = async (provider: Provider, options: InteractionOptions, req: IncomingMessage, res: ServerResponse, uid: string) => {
  const details = await loadInteraction(provider, req, res, uid);
  if (details.prompt.name === "login") {
    send(res, 200, await loginPage(options, uid, { email: typeof details.params.login_hint === "string" ? details.params.login_hint : "" }));
    return;
  }
  if (details.prompt.name === "consent") {
    const grantId = await grantConsent(provider, details);
    const result = grantId
      ? { consent: { grantId } }
      : { error: "access_denied", error_description: "This application may not sign you in." };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { error: "access_denied", error_description: `Unsupported sign-in step: ${details.prompt.name}` },
    { mergeWithLastSubmission: false },
  );
};

const login = async (provider: Provider, options: InteractionOptions, req: IncomingMessage, res: ServerResponse, uid: string) => {
  const details = await loadInteraction(provider, req, res, uid);
  if (details.prompt.name !== "login") throw new HttpError(400, "Sign-in expired", "This sign-in step is already complete.");
  const form = await readForm(req);
  const email = (form.get("email") ?? "").trim();
  const password = form.get("password") ?? "";
  if (!email || !password) {
    send(res, 400, await loginPage(options, uid, { email, error: "Enter your email and password." }));
    return;
  }
  if (options.throttle.isBlocked(email)) {
    send(res, 429, await loginPage(options, uid, { email, error: tooManyAttemptsMessage }));
    return;
  }
  const user = await getDb().user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, passwordHash: true },
  });
  // verifyPassword runs scrypt even for an unknown email, so timing does not reveal accounts.
  if (!(await verifyPassword(password, user?.passwordHash)) || !user) {
    options.throttle.recordFailure(email);
    send(res, 401, await loginPage(options, uid, { email, error: invalidCredentialsMessage }));
    return;
  }
  options.throttle.reset(email);
  await provider.interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
};

const abort = async (provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string) => {
  await loadInteraction(provider, req, res, uid);
  await provider.interactionFinished(
    req,
    res,
    { error: "access_denied", error_description: "The sign-in was cancelled." },
    { mergeWithLastSubmission: false },
  );
};

const route = /^\/interaction\/([\w-]+)(?:\/(login|abort))?\/?$/;

/** Serves the sign-in pages; returns false for every other path (oidc-provider's). */
export const handleInteraction = async (
  provider: Provider,
  options: InteractionOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> => {
  const match = route.exec(new URL(req.url ?? "/", "https://localhost").pathname);
  if (!match) return false;
  const [, uid, action] = match as unknown as [string, string, string | undefined];
  try {
    const method = req.method ?? "GET";
    if (!action && method === "GET") await show(provider, options, req, res, uid);
    else if (action === "login" && method === "POST") await login(provider, options, req, res, uid);
    else if (action === "abort" && method === "POST") await abort(provider, req, res, uid);
    else {
      res.setHeader("allow", action ? "POST" : "GET");
      throw new HttpError(405, "Not allowed", "This page does not accept that request.");
    }
  } catch (error) {
    if (res.headersSent) return true;
    if (error instanceof HttpError) send(res, error.status, renderMessagePage(error.title, error.message));
    else {
      console.error("Identity provider: sign-in page failed", error);
      send(res, 500, renderMessagePage("Something went wrong", "Sign-in failed unexpectedly. Try again."));
    }
  }
  return true;
};
