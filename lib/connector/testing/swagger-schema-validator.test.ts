import { describe, expect, it } from "vitest";
import { swaggerSchemaValidator, toDraft04 } from "./swagger-schema-validator";

// The stand-in's check of notifications is only as honest as this reading of Swagger 2.0 schemas.

const schema = {
  type: "object",
  "x-ms-summary": "Event",
  properties: {
    type: { type: "string", enum: ["segment.threshold.crossed"], "x-ms-summary": "Event type" },
    error: {
      "x-nullable": true,
      type: "object",
      properties: { code: { type: "string" } },
      required: ["code"],
      additionalProperties: false,
    },
    crossed: { "x-nullable": true, type: "string", enum: ["above", "below"] },
    size: { type: "integer" },
    details: { description: "Anything (mixed types are declared without a type)." },
  },
  required: ["type", "error", "size"],
  additionalProperties: false,
};

describe("Swagger 2.0 schemas read as draft-04", () => {
  it("turns x-nullable into a type list (and a null in an enum) and drops the x- extensions", () => {
    expect(toDraft04(schema)).toEqual({
      type: "object",
      properties: {
        type: { type: "string", enum: ["segment.threshold.crossed"] },
        error: { type: ["object", "null"], properties: { code: { type: "string" } }, required: ["code"], additionalProperties: false },
        crossed: { type: ["string", "null"], enum: ["above", "below", null] },
        size: { type: "integer" },
        details: { description: "Anything (mixed types are declared without a type)." },
      },
      required: ["type", "error", "size"],
      additionalProperties: false,
    });
  });

  it("accepts what the schema allows and names each problem otherwise", () => {
    const { problems } = swaggerSchemaValidator();
    expect(problems(schema, { type: "segment.threshold.crossed", error: null, crossed: null, size: 3, details: [1, "a"] })).toEqual([]);
    expect(problems(schema, { type: "segment.threshold.crossed", error: { code: "x" }, crossed: "above", size: 3 })).toEqual([]);
    const wrong = problems(schema, { type: "other", error: { code: 1 }, crossed: "sideways", size: null, extra: true });
    expect(wrong).toHaveLength(5);
    expect(wrong.join("\n")).toMatch(/additional properties/);
    expect(problems(schema, {})).toHaveLength(3);
  });

  it("refuses a keyword draft-04 does not know rather than skipping it", () => {
    const { problems } = swaggerSchemaValidator();
    expect(() => problems({ type: "object", discriminator: "kind" }, {})).toThrow(/discriminator/);
    expect(() => problems({ type: "string", maxLengthInBytes: 3 }, "abc")).toThrow(/unknown keyword/);
  });
});
