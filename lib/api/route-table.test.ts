import { describe, expect, it } from "vitest";
import { apiRouteAt } from "./route-table";

describe("apiRouteAt", () => {
  it.each([
    ["/api/v1/instances", "/api/v1/instances"],
    ["/api/v1/instances/", "/api/v1/instances"],
    ["/api/v1/instances/contoso-retail/trigger-registrations", "/api/v1/instances/[instanceId]/trigger-registrations"],
    // A static segment wins over a dynamic one at the same place, as in Next.js.
    ["/api/v1/instances/contoso-retail/trigger-registrations/test-fire", "/api/v1/instances/[instanceId]/trigger-registrations/test-fire"],
    ["/api/v1/instances/contoso-retail/trigger-registrations/reg_1", "/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]"],
    ["/api/v1/instances/contoso-retail/trigger-registrations/reg_1/test-fire", "/api/v1/instances/[instanceId]/trigger-registrations/[registrationId]/test-fire"],
  ])("finds the route of %s", (pathname, pattern) => {
    expect(apiRouteAt(pathname)?.pattern).toBe(pattern);
  });

  it.each(["/api", "/api/v1", "/api/v1/instances/contoso-retail", "/api/v1/instances//trigger-registrations", "/api/v1/audit-log/actors/x"])(
    "finds no route at %s",
    (pathname) => {
      expect(apiRouteAt(pathname)).toBeUndefined();
    },
  );
});
