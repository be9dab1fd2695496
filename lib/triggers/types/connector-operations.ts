import type { TTriggerType } from "./vocabulary";

// Browser-safe (no zod): the wizard's hand-off names the connector operation it opens.

/** The connector's webhook trigger of each trigger type, by operationId (stable: flows refer to it). */
export const triggerOperationIds = {
  "datasource.refresh.failed": "OnDataSourceRefreshFailed",
  "datasource.refresh.succeeded": "OnDataSourceRefreshSucceeded",
  "segment.threshold.crossed": "OnSegmentThresholdCrossed",
  "measure.threshold.crossed": "OnMeasureThresholdCrossed",
  "refresh.full.completed": "OnFullRefreshCompleted",
  "unification.refresh.completed": "OnUnificationCompleted",
} as const satisfies Record<TTriggerType, string>;

export type TTriggerOperationId = (typeof triggerOperationIds)[TTriggerType];

/**
 * Where "Continue in Power Automate" leads: the POWER_AUTOMATE_URL setting, whose `{instanceId}` and
 * `{operationId}` placeholders (if any) name the instance and the connector's trigger. The public portal
 * (the default) takes neither; an environment's own link, or a stand-in in tests, may.
 */
export const powerAutomateHandoffUrl = (template: string, target: { instanceId: string; type: TTriggerType }) =>
  template
    .replaceAll("{instanceId}", encodeURIComponent(target.instanceId))
    .replaceAll("{operationId}", triggerOperationIds[target.type]);
