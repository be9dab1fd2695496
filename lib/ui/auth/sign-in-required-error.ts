/** No token can be had without the user signing in again (no session, or the provider wants interaction). */
export class SignInRequiredError extends Error {
  constructor(cause?: unknown) {
    super("Sign-in is required.", { cause });
    this.name = "SignInRequiredError";
  }
}
