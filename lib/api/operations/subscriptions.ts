import { eventSchemaOf } from "../../events/event-schema";
import { ZInstanceParams } from "../../ids/schemas";
import {
  dataSourceParameter,
  instanceParameter,
  measureParameter,
  segmentParameter,
  subscriptionParameters,
  thresholdParameters,
} from "./connector-parameters";
import { triggerOperationIds } from "../../triggers/types/connector-operations";
import { subscriptionBodyOf, subscriptionPathSegments, ZSubscription, ZSubscriptionParams } from "../../triggers/subscriptions";
import { defineOperation } from "../operation";

// Power Automate's webhook triggers (SPEC §5): one subscribe operation per trigger type, each a
// POST answered 201 with an absolute Location that Power Automate DELETEs to unsubscribe.

const tags = ["Power Automate subscriptions"];
const base = "/api/v1/instances/{instanceId}/subscriptions";
const subscribeDescription =
  "Subscribes a callback URL (Power Automate's) to this trigger: creates a trigger registration with origin powerAutomate, owned by the caller, or updates the caller's own subscription with the same callback URL (Power Automate subscribes again on every save of the flow). Answers 201 with an absolute Location to DELETE, and the signing secret (Standard Webhooks).";

const notification = <T extends Parameters<typeof eventSchemaOf>[0]>(type: T, description: string) => ({
  description,
  schema: eventSchemaOf(type),
});

export const OnDataSourceRefreshFailed = defineOperation({
  operationId: triggerOperationIds["datasource.refresh.failed"],
  method: "POST",
  path: `${base}/${subscriptionPathSegments["datasource.refresh.failed"]}`,
  tags,
  summary: "Subscribe to failed data source refreshes",
  description: subscribeDescription,
  role: "Contributor",
  params: ZInstanceParams,
  body: subscriptionBodyOf("datasource.refresh.failed"),
  responses: { 201: ZSubscription },
  connector: {
    visibility: "important",
    summary: "When a data source refresh fails",
    description: "Triggers when a refresh of a data source fails (a missing file, a malformed CSV, missing columns, an interruption).",
    parameters: { instanceId: instanceParameter, dataSourceId: { ...dataSourceParameter, description: "The data source to watch; leave empty for any." }, ...subscriptionParameters },
    trigger: {
      hint: "To see it work, refresh a data source whose file is missing or lacks a required column.",
      notification: notification("datasource.refresh.failed", "The failed refresh: the data source, the run and the error."),
    },
  },
});

export const OnDataSourceRefreshSucceeded = defineOperation({
  operationId: triggerOperationIds["datasource.refresh.succeeded"],
  method: "POST",
  path: `${base}/${subscriptionPathSegments["datasource.refresh.succeeded"]}`,
  tags,
  summary: "Subscribe to successful data source refreshes",
  description: subscribeDescription,
  role: "Contributor",
  params: ZInstanceParams,
  body: subscriptionBodyOf("datasource.refresh.succeeded"),
  responses: { 201: ZSubscription },
  connector: {
    visibility: "important",
    summary: "When a data source refresh succeeds",
    description: "Triggers when a refresh of a data source finishes and replaces its rows.",
    parameters: { instanceId: instanceParameter, dataSourceId: { ...dataSourceParameter, description: "The data source to watch; leave empty for any." }, ...subscriptionParameters },
    trigger: {
      hint: "To see it work, refresh a data source in Audience Insights.",
      notification: notification("datasource.refresh.succeeded", "The successful refresh: the data source and the run."),
    },
  },
});

export const OnSegmentThresholdCrossed = defineOperation({
  operationId: triggerOperationIds["segment.threshold.crossed"],
  method: "POST",
  path: `${base}/${subscriptionPathSegments["segment.threshold.crossed"]}`,
  tags,
  summary: "Subscribe to a segment's size crossing a threshold",
  description: subscribeDescription,
  role: "Contributor",
  params: ZInstanceParams,
  body: subscriptionBodyOf("segment.threshold.crossed"),
  responses: { 201: ZSubscription },
  connector: {
    visibility: "important",
    summary: "When a segment crosses a threshold",
    description: "Triggers when a segment's size crosses the threshold (above it, by default), not while it stays past it.",
    parameters: { instanceId: instanceParameter, segmentId: segmentParameter, ...thresholdParameters, ...subscriptionParameters },
    trigger: {
      hint: "To see it work, set a threshold just above the segment's size, then refresh so that it grows past it.",
      notification: notification("segment.threshold.crossed", "The crossing: the segment, its previous and current size, and the threshold."),
    },
  },
});

export const OnMeasureThresholdCrossed = defineOperation({
  operationId: triggerOperationIds["measure.threshold.crossed"],
  method: "POST",
  path: `${base}/${subscriptionPathSegments["measure.threshold.crossed"]}`,
  tags,
  summary: "Subscribe to a business measure crossing a threshold",
  description: subscribeDescription,
  role: "Contributor",
  params: ZInstanceParams,
  body: subscriptionBodyOf("measure.threshold.crossed"),
  responses: { 201: ZSubscription },
  connector: {
    visibility: "important",
    summary: "When a business measure crosses a threshold",
    description: "Triggers when a business measure's value crosses the threshold (above it, by default), not while it stays past it.",
    parameters: { instanceId: instanceParameter, measureId: measureParameter, ...thresholdParameters, ...subscriptionParameters },
    trigger: {
      hint: "To see it work, set a threshold just above the measure's value, then refresh so that it grows past it.",
      notification: notification("measure.threshold.crossed", "The crossing: the measure, its previous and current value, and the threshold."),
    },
  },
});

export const OnFullRefreshCompleted = defineOperation({
  operationId: triggerOperationIds["refresh.full.completed"],
  method: "POST",
  path: `${base}/${subscriptionPathSegments["refresh.full.completed"]}`,
  tags,
  summary: "Subscribe to completed full refreshes",
  description: subscribeDescription,
  role: "Contributor",
  params: ZInstanceParams,
  body: subscriptionBodyOf("refresh.full.completed"),
  responses: { 201: ZSubscription },
  connector: {
    visibility: "important",
    summary: "When a full refresh completes",
    description: "Triggers when a full refresh (data sources, unification, segments, measures) ends: successful, failed or cancelled.",
    parameters: {
      instanceId: instanceParameter,
      submissionKind: {
        summary: "Refreshes",
        description: "Which refreshes fire: scheduled ones (as in Customer Insights), those started on demand, or any (the default).",
        visibility: "advanced",
      },
      ...subscriptionParameters,
    },
    trigger: {
      hint: "To see it work, run a full refresh of the instance (System > Run a full refresh), or wait for a scheduled one.",
      notification: notification("refresh.full.completed", "The finished job, a tally of its tasks, and every task."),
    },
  },
});

export const OnUnificationCompleted = defineOperation({
  operationId: triggerOperationIds["unification.refresh.completed"],
  method: "POST",
  path: `${base}/${subscriptionPathSegments["unification.refresh.completed"]}`,
  tags,
  summary: "Subscribe to completed unification runs",
  description: subscribeDescription,
  role: "Contributor",
  params: ZInstanceParams,
  body: subscriptionBodyOf("unification.refresh.completed"),
  responses: { 201: ZSubscription },
  connector: {
    visibility: "important",
    summary: "When a unification refresh completes",
    description: "Triggers when a unification run (map, match, merge) ends, successfully or not.",
    parameters: { instanceId: instanceParameter, ...subscriptionParameters },
    trigger: {
      hint: "To see it work, run unification in Audience Insights.",
      notification: notification("unification.refresh.completed", "The finished run: each stage's counts, the profiles out and the match rate."),
    },
  },
});

export const DeleteSubscription = defineOperation({
  operationId: "DeleteSubscription",
  method: "DELETE",
  path: `${base}/{subscriptionId}`,
  tags,
  summary: "Delete a Power Automate subscription",
  description:
    "Power Automate's unsubscribe: deletes the subscription (its trigger registration). Repeatable: an id already deleted or unknown in this instance answers 204 too, changing nothing. Only its owner or an Admin may delete it (403 not_owner).",
  role: "Contributor",
  params: ZSubscriptionParams,
  responses: { 204: null },
  unknownIdAnswers: 204,
  connector: {
    visibility: "internal",
    parameters: {
      instanceId: { summary: "Instance", description: "The instance of the subscription.", visibility: "internal" },
      subscriptionId: { summary: "Subscription", description: "The subscription to delete.", visibility: "internal" },
    },
  },
});
