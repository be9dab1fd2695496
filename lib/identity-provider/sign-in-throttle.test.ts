import { describe, expect, it } from "vitest";
import { createSignInThrottle } from "./sign-in-throttle";

describe("sign-in throttle", () => {
  it("blocks an email after the limit of failures until the window passes", () => {
    let clock = 0;
    const throttle = createSignInThrottle({ limit: 3, windowMs: 1000, now: () => clock });
    for (let i = 0; i < 2; i++) throttle.recordFailure("A@x.example");
    expect(throttle.isBlocked("a@x.example")).toBe(false);
    throttle.recordFailure("a@x.example");
    expect(throttle.isBlocked("a@X.example")).toBe(true);
    expect(throttle.isBlocked("b@x.example")).toBe(false);
    clock = 1001;
    expect(throttle.isBlocked("a@x.example")).toBe(false);
  });

  it("forgets failures after a successful sign-in", () => {
    const throttle = createSignInThrottle({ limit: 2 });
    throttle.recordFailure("a@x.example");
    throttle.reset("a@x.example");
    throttle.recordFailure("a@x.example");
    expect(throttle.isBlocked("a@x.example")).toBe(false);
  });
});
