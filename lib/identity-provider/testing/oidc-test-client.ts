import { createHash, randomBytes } from "node:crypto";
import { customFetch, createRemoteJWKSet, jwtVerify } from "jose";
import { Agent, fetch as undiciFetch } from "undici";
import { API_AUDIENCE, API_SCOPE, SPA_CLIENT_ID } from "../clients";

export type HttpResult = { status: number; headers: Headers; text: string; location?: string };

/**
 * Talks to the embedded provider the way a browser and the SPA would, over real https
 * trusting only the generated CA: follows redirects by hand and carries cookies.
 */
export const createOidcTestClient = ({ issuer, caPem, appUrl }: { issuer: string; caPem: string; appUrl: string }) => {
  const dispatcher = new Agent({ connect: { ca: caPem } });
  const cookies = new Map<string, string>();

  const request = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
    const target = new URL(url, issuer);
    const headers: Record<string, string> = { ...init.headers };
    if (target.origin === new URL(issuer).origin && cookies.size) {
      headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    }
    const response = await undiciFetch(target, { ...init, headers, redirect: "manual", dispatcher });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      const expires = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith("expires="));
      const expired = expires ? Date.parse(expires.slice(8)) <= Date.now() : false;
      if (!value || expired) cookies.delete(name!.trim());
      else cookies.set(name!.trim(), value);
    }
    const location = response.headers.get("location") ?? undefined;
    return {
      status: response.status,
      headers: response.headers as unknown as Headers,
      text: await response.text(),
      location: location ? new URL(location, target).toString() : undefined,
    } satisfies HttpResult;
  };

  const postForm = (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    request(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form).toString(),
    });

  /** Follows provider redirects until one leaves the provider (for the app, or another client) or a page is rendered. */
  const follow = async (start: HttpResult) => {
    let current = start;
    for (let hops = 0; hops < 10 && current.location && new URL(current.location, issuer).origin === issuer; hops++) {
      current = await request(current.location);
    }
    return current;
  };

  const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`), {
    [customFetch]: (url: string, options: { headers?: Record<string, string>; signal?: AbortSignal }) =>
      undiciFetch(url, { headers: options.headers, signal: options.signal, dispatcher }),
  } as never);

  const verifyAccessToken = async (token: string) =>
    (
      await jwtVerify(token, jwks, {
        issuer,
        audience: API_AUDIENCE,
        algorithms: ["RS256"],
        typ: "at+jwt",
      })
    ).payload;

  /** Starts an authorization code + PKCE request like MSAL does; returns the first response. */
  const authorize = async (extra: Record<string, string> = {}) => {
    const verifier = randomBytes(32).toString("base64url");
    const state = randomBytes(8).toString("hex");
    const params = new URLSearchParams({
      client_id: SPA_CLIENT_ID,
      response_type: "code",
      response_mode: "query",
      redirect_uri: `${appUrl}/`,
      scope: `${API_SCOPE} openid profile`,
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
      state,
      nonce: randomBytes(8).toString("hex"),
      ...extra,
    });
    const first = await request(`${issuer}/auth?${params}`);
    return { first, verifier, state };
  };

  const interactionPath = (result: HttpResult) => {
    const path = result.location ? new URL(result.location).pathname : undefined;
    if (!path?.startsWith("/interaction/")) throw new Error(`Expected the sign-in page, got ${result.status} ${result.location}`);
    return path;
  };

  const redeem = async (callback: string, verifier: string) => {
    const code = new URL(callback).searchParams.get("code");
    if (!code) throw new Error(`No code in ${callback}`);
    return postForm(
      `${issuer}/token`,
      { grant_type: "authorization_code", client_id: SPA_CLIENT_ID, code, redirect_uri: `${appUrl}/`, code_verifier: verifier },
      { origin: new URL(appUrl).origin },
    );
  };

  /** The whole browser sign-in: authorize, form, redirects, code redemption. */
  const signIn = async (email: string, password: string) => {
    const { first, verifier, state } = await authorize();
    const path = interactionPath(first);
    const posted = await postForm(`${issuer}${path}/login`, { email, password });
    if (posted.status !== 303 && posted.status !== 302) throw new Error(`Sign-in failed: ${posted.status}`);
    const back = await follow(posted);
    if (!back.location?.startsWith(appUrl)) throw new Error(`Did not return to the app: ${back.status} ${back.text.slice(0, 200)}`);
    expectState(back.location, state);
    const token = await redeem(back.location, verifier);
    return { token, tokens: JSON.parse(token.text) as Record<string, string | number> };
  };

  const expectState = (callback: string, state: string) => {
    if (new URL(callback).searchParams.get("state") !== state) throw new Error("state mismatch");
  };

  return { request, postForm, follow, authorize, interactionPath, redeem, signIn, verifyAccessToken, cookies, close: () => dispatcher.close() };
};
