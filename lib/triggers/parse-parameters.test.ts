import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { parseParameters } from "./parse-parameters";
import { ZCreateTriggerRegistration, ZTriggerType } from "./schemas";

describe("parseParameters (a PATCH's parameters, against the stored type)", () => {
  it("returns the type's parameters, unknown keys dropped", () => {
    expect(parseParameters("datasource.refresh.failed", { dataSourceId: "ds_1", extra: 1 })).toEqual({ dataSourceId: "ds_1" });
  });

  it("refuses them as a body would be refused, with the paths under parameters", () => {
    let thrown: unknown;
    try {
      parseParameters("datasource.refresh.succeeded", { dataSourceId: "../etc" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({
      code: "validation_failed",
      message: "Invalid request body. parameters.dataSourceId: Invalid id.",
      details: { issues: [{ path: "parameters.dataSourceId", message: "Invalid id." }] },
    });
  });
});

describe("the create body, one arm per type", () => {
  it("reports an unknown or missing type on `type` with the enum's own message", () => {
    for (const type of ["segment.deleted", undefined, 7]) {
      const issues = ZCreateTriggerRegistration.safeParse({ displayName: "x", type, parameters: {}, callbackUrl: "https://a.example.com" }).error?.issues;
      expect(issues?.map((issue) => [issue.path.join("."), issue.message])).toEqual([["type", ZTriggerType.safeParse(type).error?.issues[0]?.message]]);
    }
  });

  it("checks the parameters of the type named", () => {
    const issues = ZCreateTriggerRegistration.safeParse({
      displayName: "x",
      type: "datasource.refresh.failed",
      parameters: {},
      callbackUrl: "https://a.example.com",
    }).error?.issues;
    expect(issues?.map((issue) => issue.path.join("."))).toEqual(["parameters.dataSourceId"]);
  });
});
