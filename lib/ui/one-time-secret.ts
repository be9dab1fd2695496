// A just-created registration's signing secret, handed from the wizard to the detail page in memory
// only (client-side navigation keeps this module alive): it is never put in a URL or in storage,
// and reading it removes it, so it is shown once.
const secrets = new Map<string, string>();

export const stashOneTimeSecret = (registrationId: string, secret: string) => {
  secrets.set(registrationId, secret);
};

export const takeOneTimeSecret = (registrationId: string): string | null => {
  const secret = secrets.get(registrationId) ?? null;
  secrets.delete(registrationId);
  return secret;
};
