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

export const GetConnectorDefinition = defineOperation({
  operationId: "GetConnectorDefinition",
  method: "GET",
  path: "/api/connector/apiDefinition.swagger.json",
  tags: ["API description"],
  summary: "Get the Power Platform custom connector's definition",
  description:
    "Public: the connector's apiDefinition.swagger.json (Swagger 2.0), generated from this API's operations for this server's public URL. Import it with paconn, or with the Power Automate custom connector wizard.",
  role: "Public",
  responses: { 200: z.looseObject({ swagger: z.literal("2.0"), paths: z.record(z.string(), z.unknown()) }).meta({ description: "A Swagger 2.0 document with Power Platform extensions." }) },
});

export const GetConnectorProperties = defineOperation({
  operationId: "GetConnectorProperties",
  method: "GET",
  path: "/api/connector/apiProperties.json",
  tags: ["API description"],
  summary: "Get the Power Platform custom connector's properties",
  description: "Public: the connector's apiProperties.json (its OAuth settings, from this server's identity settings; no secret), as paconn reads it.",
  role: "Public",
  responses: { 200: z.looseObject({ properties: z.record(z.string(), z.unknown()) }).meta({ description: "paconn's apiProperties.json." }) },
});

export const GetConnectorPackage = defineOperation({
  operationId: "GetConnectorPackage",
  method: "GET",
  path: "/api/connector/package.zip",
  tags: ["API description"],
  summary: "Download the Power Platform custom connector package",
  description:
    "Public: a zip of what npm run connector:package writes (apiDefinition.swagger.json, apiProperties.json, icon.png and paconn's settings.json), for this server.",
  role: "Public",
  responses: { 200: null },
  rawResponse: {
    description: "The connector package.",
    content: { "application/zip": { schema: { type: "string", contentMediaType: "application/zip" } } },
  },
});
