import { MissingTokenError } from "./bearer-challenge";
import { invalidToken } from "./verify-access-token";

// Far above any real access token (Entra's with many groups stay under ~8 KB); refuses junk before parsing.
const MAX_TOKEN_LENGTH = 16 * 1024;
// RFC 6750 b64token; a JWT is three base64url parts.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The bearer token of the Authorization header; 401 when it is missing or not a bearer token. */
export const readBearerToken = (req: Request): string => {
  const header = req.headers.get("authorization");
  if (header === null || header.trim() === "") throw new MissingTokenError();
  const match = BEARER.exec(header.trim());
  if (!match) throw invalidToken('The Authorization header must be "Bearer <access token>".');
  const token = match[1]!;
  if (token.length > MAX_TOKEN_LENGTH) throw invalidToken("The access token is too long.");
  return token;
};
