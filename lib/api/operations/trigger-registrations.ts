import { z } from "zod";
import {
  ZDelivery,
  ZDraftMessagePreview,
  ZDraftMessagePreviewResult,
  ZDraftTestFire,
  ZDraftTestFireResult,
  ZListDeliveriesQuery,
} from "../../delivery/schemas";
import { ZInstanceParams } from "../../ids/schemas";
import {
  ZCreatedTriggerRegistration,
  ZCreateTriggerRegistration,
  ZListRegistrationsQuery,
  ZRegistrationParams,
  ZTriggerRegistration,
  ZUpdateTriggerRegistration,
} from "../../triggers/schemas";
import { defineOperation } from "../operation";

const tags = ["Trigger registrations"];
const ZRegistrationBody = z.object({ registration: ZTriggerRegistration });
const ZDeliveryBody = z.object({ delivery: ZDelivery });

export const ListTriggerRegistrations = defineOperation({
  operationId: "ListTriggerRegistrations",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/trigger-registrations",
  tags,
  summary: "List trigger registrations",
  description:
    "The instance's trigger registrations, newest first, never their signing secrets. `origin`, `type`, `owner=me` (the caller's own) and `createdSince` narrow the list.",
  role: "Viewer",
  params: ZInstanceParams,
  query: ZListRegistrationsQuery,
  responses: { 200: z.object({ registrations: z.array(ZTriggerRegistration) }) },
});

export const CreateTriggerRegistration = defineOperation({
  operationId: "CreateTriggerRegistration",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/trigger-registrations",
  tags,
  summary: "Register a trigger",
  description:
    "Subscribes a callback URL to a trigger type. Answers 201 with a Location header and the signing secret, shown this once. The callback URL must reach a public address (422 callback_url_refused otherwise).",
  role: "Contributor",
  params: ZInstanceParams,
  body: ZCreateTriggerRegistration,
  responses: { 201: ZCreatedTriggerRegistration },
});

export const TestFireTriggerDraft = defineOperation({
  operationId: "TestFireTriggerDraft",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/trigger-registrations/test-fire",
  tags,
  summary: "Test-fire a trigger before registering it",
  description:
    "Sends a sample event, marked as a test, to the callback URL, signed with the given secret or a new one; pass that secret on to CreateTriggerRegistration so the tested endpoint keeps verifying.",
  role: "Contributor",
  params: ZInstanceParams,
  body: ZDraftTestFire,
  responses: { 200: ZDraftTestFireResult },
});

export const PreviewTriggerDraftMessage = defineOperation({
  operationId: "PreviewTriggerDraftMessage",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/trigger-registrations/preview",
  tags,
  summary: "Preview the message a trigger would send",
  description:
    "The JSON body a sample event of the draft would be sent as to a destination of the given type: the Adaptive Card message for Microsoft Teams, the event itself otherwise. Nothing is sent or stored.",
  role: "Contributor",
  params: ZInstanceParams,
  body: ZDraftMessagePreview,
  responses: { 200: ZDraftMessagePreviewResult },
});

export const GetTriggerRegistration = defineOperation({
  operationId: "GetTriggerRegistration",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/trigger-registrations/{registrationId}",
  tags,
  summary: "Get a trigger registration",
  role: "Viewer",
  params: ZRegistrationParams,
  responses: { 200: ZRegistrationBody },
  errors: [404],
});

export const UpdateTriggerRegistration = defineOperation({
  operationId: "UpdateTriggerRegistration",
  method: "PATCH",
  path: "/api/v1/instances/{instanceId}/trigger-registrations/{registrationId}",
  tags,
  summary: "Update a trigger registration",
  description: "Its name, parameters (checked against its type, which never changes) or callback URL.",
  role: "Contributor",
  params: ZRegistrationParams,
  body: ZUpdateTriggerRegistration,
  responses: { 200: ZRegistrationBody },
  errors: [404],
});

export const DeleteTriggerRegistration = defineOperation({
  operationId: "DeleteTriggerRegistration",
  method: "DELETE",
  path: "/api/v1/instances/{instanceId}/trigger-registrations/{registrationId}",
  tags,
  summary: "Delete a trigger registration",
  description: "Power Automate unsubscribes a flow's trigger here too.",
  role: "Contributor",
  params: ZRegistrationParams,
  responses: { 204: null },
  errors: [404],
});

export const ListTriggerRegistrationDeliveries = defineOperation({
  operationId: "ListTriggerRegistrationDeliveries",
  method: "GET",
  path: "/api/v1/instances/{instanceId}/trigger-registrations/{registrationId}/deliveries",
  tags: ["Trigger registrations", "Deliveries"],
  summary: "List a trigger registration's deliveries",
  description: "Newest first, each with its attempts and the exact payload sent.",
  role: "Viewer",
  params: ZRegistrationParams,
  query: ZListDeliveriesQuery,
  responses: { 200: z.object({ deliveries: z.array(ZDelivery) }) },
  errors: [404],
});

export const PauseTriggerRegistration = defineOperation({
  operationId: "PauseTriggerRegistration",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/trigger-registrations/{registrationId}/pause",
  tags,
  summary: "Pause a trigger registration",
  description: "No events are delivered to it until it is resumed.",
  role: "Contributor",
  params: ZRegistrationParams,
  responses: { 200: ZRegistrationBody },
  // 409 conflict (cannot_pause / cannot_resume): the registration is in a status this action does not apply to.
  errors: [404, 409],
});

export const ResumeTriggerRegistration = defineOperation({
  operationId: "ResumeTriggerRegistration",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/trigger-registrations/{registrationId}/resume",
  tags,
  summary: "Resume a trigger registration",
  role: "Contributor",
  params: ZRegistrationParams,
  responses: { 200: ZRegistrationBody },
  // 409 conflict (cannot_pause / cannot_resume): the registration is in a status this action does not apply to.
  errors: [404, 409],
});

export const TestFireTriggerRegistration = defineOperation({
  operationId: "TestFireTriggerRegistration",
  method: "POST",
  path: "/api/v1/instances/{instanceId}/trigger-registrations/{registrationId}/test-fire",
  tags: ["Trigger registrations", "Deliveries"],
  summary: "Test-fire a trigger registration",
  description: "Delivers a sample event, marked as a test, to its callback URL, and logs the delivery.",
  role: "Contributor",
  params: ZRegistrationParams,
  responses: { 200: ZDeliveryBody },
  errors: [404],
});
