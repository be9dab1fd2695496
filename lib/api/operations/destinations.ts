import { z } from "zod";
import {
  ZCreateDestination,
  ZCreatedDestination,
  ZDeleteDestinationQuery,
  ZDestinationParams,
  ZDestinationView,
  ZUpdateDestination,
  ZUpdatedDestination,
} from "../../destinations/schemas";
import { ZInstanceParams } from "../../ids/schemas";
import { defineOperation } from "../operation";

const tags = ["Export destinations"];

export const ListDestinations = defineOperation({
  operationId: "ListDestinations",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/destinations",
  tags,
  summary: "List export destinations",
  description:
    "By name. Admins get every destination with its endpoint, status, the number of triggers using it and its last delivery; everyone else the destinations shared with everyone, by id, name and type only. Never a signing secret.",
  role: "Viewer",
  params: ZInstanceParams,
  responses: { 200: z.object({ destinations: z.array(ZDestinationView) }) },
});

export const CreateDestination = defineOperation({
  operationId: "CreateDestination",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/destinations",
  tags,
  summary: "Add an export destination",
  description:
    "An endpoint (webhook, Power Automate HTTP trigger or Teams Workflows webhook) and its signing secret, shown this once. Its name is unique in the instance (409 destination_name_taken); the endpoint must reach a public address (422 callback_url_refused).",
  role: "Admin",
  params: ZInstanceParams,
  body: ZCreateDestination,
  responses: { 201: ZCreatedDestination },
  errors: [409],
});

export const GetDestination = defineOperation({
  operationId: "GetDestination",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/destinations/{destinationId}",
  tags,
  summary: "Get an export destination",
  description: "Whole for Admins; for everyone else its id, name and type when it is shared with everyone (404 otherwise).",
  role: "Viewer",
  params: ZDestinationParams,
  responses: { 200: z.object({ destination: ZDestinationView }) },
  errors: [404],
});

export const UpdateDestination = defineOperation({
  operationId: "UpdateDestination",
  method: "PATCH",
  path: "/api/v1/instances/{instanceId}/destinations/{destinationId}",
  tags,
  summary: "Update an export destination",
  description:
    "Its name, endpoint (checked like a new one), who may use it, or `rotateSecret: true` for a new signing secret, answered this once; every trigger on it signs with it from then on. Its type never changes.",
  role: "Admin",
  params: ZDestinationParams,
  body: ZUpdateDestination,
  responses: { 200: ZUpdatedDestination },
  errors: [404, 409],
});

export const DeleteDestination = defineOperation({
  operationId: "DeleteDestination",
  method: "DELETE",
  path: "/api/v1/instances/{instanceId}/destinations/{destinationId}",
  tags,
  summary: "Remove an export destination",
  description:
    "Refused (409 destination_in_use, naming them in `details.triggers`) while triggers send to it, unless `withTriggers=true`, which deletes those triggers with it in one transaction.",
  role: "Admin",
  params: ZDestinationParams,
  query: ZDeleteDestinationQuery,
  responses: { 204: null },
  errors: [404, 409],
});
