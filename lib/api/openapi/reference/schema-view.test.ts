import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../build-document";
import { apiOperations } from "../../operations";
import { toReferenceView } from "./reference-view";
import { toSchemaView } from "./schema-view";

const components = {
  Address: { type: "object", properties: { city: { type: "string", description: "Town" } }, required: ["city"] },
  Node: { type: "object", properties: { child: { $ref: "#/components/schemas/Node" } } },
};

describe("toSchemaView", () => {
  it("lists nested object properties with required marks, types and constraints", () => {
    const view = toSchemaView(
      {
        type: "object",
        properties: {
          name: { type: "string", minLength: 1, maxLength: 120 },
          owner: { type: "object", properties: { age: { type: "integer", minimum: 0 } } },
        },
        required: ["name"],
      },
      components,
    );
    expect(view).toEqual({
      kind: "object",
      constraints: [],
      properties: [
        { name: "name", required: true, schema: { kind: "scalar", type: "string", constraints: [{ keyword: "minLength", value: "1" }, { keyword: "maxLength", value: "120" }] } },
        {
          name: "owner",
          required: false,
          schema: { kind: "object", constraints: [], properties: [{ name: "age", required: false, schema: { kind: "scalar", type: "integer", constraints: [{ keyword: "minimum", value: "0" }] } }] },
        },
      ],
    });
  });

  it("converts arrays with their items and limits", () => {
    expect(toSchemaView({ type: "array", items: { type: "string" }, maxItems: 200, default: [] }, components)).toEqual({
      kind: "array",
      items: { kind: "scalar", type: "string", constraints: [] },
      constraints: [{ keyword: "maxItems", value: "200" }, { keyword: "default", value: "[]" }],
    });
  });

  it("keeps enums and consts as allowed values", () => {
    expect(toSchemaView({ type: "string", enum: ["upload", "file"] }, components)).toMatchObject({ kind: "scalar", type: "string", enum: ["upload", "file"] });
    expect(toSchemaView({ type: "string", const: "url" }, components)).toMatchObject({ kind: "scalar", type: "string", enum: ["url"] });
    expect(toSchemaView({ enum: ["a", null] }, components)).toMatchObject({ kind: "scalar", type: "string", enum: ["a"], nullable: true });
  });

  it("resolves $refs to components, naming them, and stops at a recursive one", () => {
    expect(toSchemaView({ $ref: "#/components/schemas/Address" }, components)).toEqual({
      kind: "object",
      name: "Address",
      constraints: [],
      properties: [{ name: "city", required: true, schema: { kind: "scalar", type: "string", description: "Town", constraints: [] } }],
    });
    const node = toSchemaView({ $ref: "#/components/schemas/Node" }, components);
    expect(node).toMatchObject({ kind: "object", name: "Node", properties: [{ name: "child", schema: { kind: "recursive", name: "Node" } }] });
    expect(() => toSchemaView({ $ref: "#/components/schemas/Missing" }, components)).toThrow(/Missing/);
  });

  it("shows oneOf and anyOf as unions, and a union with null as a nullable value", () => {
    const union = toSchemaView(
      { oneOf: [{ type: "object", properties: { kind: { type: "string", const: "upload" } } }, { $ref: "#/components/schemas/Address" }] },
      components,
    );
    expect(union).toMatchObject({ kind: "union", variants: [{ kind: "object", properties: [{ name: "kind" }] }, { kind: "object", name: "Address" }] });
    expect(toSchemaView({ anyOf: [{ type: "string" }, { type: "integer" }] }, components)).toMatchObject({
      kind: "union",
      variants: [{ type: "string" }, { type: "integer" }],
    });
    expect(toSchemaView({ anyOf: [{ $ref: "#/components/schemas/Address" }, { type: "null" }], description: "Where" }, components)).toMatchObject({
      kind: "object",
      name: "Address",
      nullable: true,
      description: "Where",
    });
    expect(toSchemaView({ type: ["string", "null"] }, components)).toMatchObject({ kind: "scalar", type: "string", nullable: true });
  });
});

describe("toReferenceView", () => {
  it("groups every operation of the generated document by tag, with its role, parameters and responses", () => {
    const view = toReferenceView(buildOpenApiDocument(apiOperations));
    const operations = view.tags.flatMap((tag) => tag.operations);
    expect(new Set(operations.map((o) => o.operationId))).toEqual(new Set(apiOperations.map((o) => o.operationId)));
    const create = operations.find((o) => o.operationId === "CreateDataSource");
    expect(create).toMatchObject({ method: "POST", path: "/api/v1/instances/{instanceId}/data-sources", role: "Contributor" });
    expect(create?.parameters).toEqual([expect.objectContaining({ name: "instanceId", in: "path", required: true })]);
    expect(create?.requestBody?.bodies[0]?.schema.kind).toBe("union");
    expect(create?.responses.map((r) => r.status)).toEqual(["201"]);
    expect(create?.errors.map((e) => e.status)).toEqual(expect.arrayContaining(["401", "403", "409", "422"]));
    expect(view.errorBodies).toEqual([{ mediaType: "application/json", schema: expect.objectContaining({ kind: "object", name: "ErrorBody" }) }]);
    expect(view.tags.find((tag) => tag.operations.some((o) => o.role === "Public"))).toBeDefined();
  });
});
