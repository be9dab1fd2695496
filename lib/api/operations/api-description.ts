import { z } from "zod";
import { defineOperation } from "../operation";

export const GetOpenApiDocument = defineOperation({
  operationId: "GetOpenApiDocument",
  method: "GET",
  path: "/api/v1/openapi.json",
  tags: ["API description"],
  summary: "Get this API's OpenAPI 3.1 document",
  description: "Public: it describes the operations, never any tenant's data.",
  role: "Public",
  responses: { 200: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }).meta({ description: "An OpenAPI 3.1 document." }) },
});
