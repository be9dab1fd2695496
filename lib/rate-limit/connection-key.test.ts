import { describe, expect, it } from "vitest";
import { connectionKeyOf } from "./connection-key";

const connector = "audience-insights-connector";
const user = { tenantId: "contoso", userId: "user-contoso-contributor" };

describe("connectionKeyOf", () => {
  it("keys a connector token by tenant, client and subject", () => {
    expect(connectionKeyOf({ ...user, clientId: connector }, [connector])).toBe(
      JSON.stringify(["contoso", connector, "user-contoso-contributor"]),
    );
  });

  it("leaves out tokens of other clients, and tokens that name none", () => {
    expect(connectionKeyOf({ ...user, clientId: "audience-insights-spa" }, [connector])).toBeUndefined();
    expect(connectionKeyOf(user, [connector])).toBeUndefined();
    // Entra without ENTRA_CONNECTOR_CLIENT_ID: no client is the connector's.
    expect(connectionKeyOf({ ...user, clientId: connector }, [])).toBeUndefined();
  });

  it("never lets a separator inside an id make two connections one", () => {
    const a = connectionKeyOf({ tenantId: "t", userId: "b:c", clientId: connector }, [connector]);
    const b = connectionKeyOf({ tenantId: "t:b", userId: "c", clientId: connector }, [connector]);
    expect(a).not.toBe(b);
  });
});
