import { describe, expect, it } from "vitest";
import { can, minimumRole, roleFromClaim } from "./permissions";

describe("roleFromClaim", () => {
  it("takes the highest product role and ignores others", () => {
    expect(roleFromClaim(["Viewer", "Admin", "Contributor"])).toBe("Admin");
    expect(roleFromClaim(["Reader", "Contributor"])).toBe("Contributor");
  });

  it("is null without a known role", () => {
    expect(roleFromClaim([])).toBeNull();
    expect(roleFromClaim(["admin"])).toBeNull(); // role values are case-sensitive, as in Entra
    expect(roleFromClaim("Admin")).toBeNull();
    expect(roleFromClaim(undefined)).toBeNull();
  });
});

describe("can", () => {
  it("gives the Viewer no write action, the Contributor all but the Admin's, the Admin all of them", () => {
    const actions = Object.keys(minimumRole) as (keyof typeof minimumRole)[];
    expect(actions.filter((action) => can("Viewer", action))).toEqual([]);
    // Export destinations and the unification configuration are the Admin's (their writes require
    // Admin); setting up triggers on shared destinations and running unification are not.
    expect(actions.filter((action) => !can("Contributor", action))).toEqual(["manageDestinations", "editUnification"]);
    expect(can("Contributor", "runUnification")).toBe(true);
    expect(actions.filter((action) => !can("Admin", action))).toEqual([]);
  });

  it("allows nothing while the role is unknown", () => {
    expect(can(null, "refreshDataSource")).toBe(false);
  });
});
