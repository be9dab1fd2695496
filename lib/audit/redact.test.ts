import { describe, expect, it } from "vitest";
import { auditContextOf, clientIpOf } from "./audit-context";
import { createdChanges, deletedChanges, diffChanges } from "./diff-changes";
import { redactUrl } from "./redact";

describe("redactUrl", () => {
  it.each([
    [
      "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers&sv=1.0&sig=Zx9",
      "https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=***&sp=***&sv=***&sig=***",
    ],
    ["https://hooks.example.com/in/42", "https://hooks.example.com/in/42"],
    ["https://user:pa55@hooks.example.com/x#frag", "https://redacted@hooks.example.com/x"],
    ["not a url", "[unparseable URL]"],
  ])("%s", (input, output) => {
    expect(redactUrl(input)).toBe(output);
  });

  it("keeps null as null", () => {
    expect(redactUrl(null)).toBeNull();
  });
});

describe("diffChanges", () => {
  it("keeps only the fields that differ, comparing values not references", () => {
    expect(diffChanges({ a: 1, b: ["x"], c: null }, { a: 2, b: ["x"], c: undefined })).toEqual({ a: { before: 1, after: 2 } });
  });

  it("describes created and deleted records field by field", () => {
    expect(createdChanges({ name: "Orders", location: undefined })).toEqual({ name: { after: "Orders" }, location: { after: null } });
    expect(deletedChanges({ name: "Orders" })).toEqual({ name: { before: "Orders" } });
  });
});

describe("where a request came from", () => {
  it("takes the first X-Forwarded-For hop, else X-Real-IP, else nothing", () => {
    expect(clientIpOf(new Headers({ "x-forwarded-for": " 203.0.113.9 , 10.0.0.1", "x-real-ip": "10.0.0.2" }))).toBe("203.0.113.9");
    expect(clientIpOf(new Headers({ "x-real-ip": "2001:db8::1" }))).toBe("2001:db8::1");
    expect(clientIpOf(new Headers({ "x-forwarded-for": "" }))).toBeNull();
    expect(clientIpOf(new Headers())).toBeNull();
  });

  it("bounds what a client may make the log store", () => {
    const req = new Request("http://localhost/", { headers: { "user-agent": "u".repeat(5000), "x-forwarded-for": "x".repeat(500) } });
    const context = auditContextOf(req, { userId: "u1", displayName: "Una", tenantId: "t1" });
    expect(context).toMatchObject({ actorId: "u1", actorName: "Una", tenantId: "t1" });
    expect(context.userAgent).toHaveLength(512);
    expect(context.ip).toHaveLength(64);
  });
});
