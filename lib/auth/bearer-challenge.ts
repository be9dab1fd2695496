import { AppError } from "../errors/app-error";

const REALM = 'Bearer realm="audience-insights"';

/** A request that carried no credentials at all: RFC 6750 §3.1 says the challenge then has no error code. */
export class MissingTokenError extends AppError {
  constructor() {
    super("unauthorized", "Sign in to continue: the request carries no bearer access token.");
  }
}

/** The WWW-Authenticate header a 401 must carry (RFC 6750); nothing for other errors. */
export const bearerChallengeHeaders = (error: AppError): Record<string, string> => {
  if (error.code !== "unauthorized") return {};
  return { "www-authenticate": error instanceof MissingTokenError ? REALM : `${REALM}, error="invalid_token"` };
};
