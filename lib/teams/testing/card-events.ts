import { buildSampleEvent } from "../../events/sample-event";
import { eventEnvelope, type EventEnvelope } from "../../events/event-envelope";
import { buildEventData, type SampleFacts, type TTriggerType } from "../../triggers/types";

// Events for the card tests: each type's test-fire sample, and a real-shaped event built with the
// type's own builder from what its producer would know (a failure where the type can report one,
// so the cards' error and skipped paths are covered).

export const now = new Date("2026-11-27T09:30:00.000Z");
const at = (msBeforeNow: number) => new Date(now.getTime() - msBeforeNow);
const instance = { id: "ins_contoso", name: "Contoso Retail" };

const sampleContexts: { [T in TTriggerType]: SampleFacts } = {
  "datasource.refresh.failed": { instance, dataSource: { id: "ds_web", name: "Web store customers", kind: "url" } },
  "datasource.refresh.succeeded": { instance, dataSource: { id: "ds_web", name: "Web store customers", kind: "url" } },
  "segment.threshold.crossed": { instance, segment: { id: "seg_loyal", name: "Loyal customers" }, parameters: { segmentId: "seg_loyal", threshold: 1500, direction: "below" } },
  "measure.threshold.crossed": {
    instance,
    measure: { id: "msr_aov", name: "Average order value", aggregation: "avg", attribute: "orderValue", segmentId: null },
    parameters: { measureId: "msr_aov", threshold: 87.5, direction: "above" },
  },
  "unification.refresh.completed": { instance },
  "refresh.full.completed": { instance },
};

export const sampleEventOf = (type: TTriggerType): EventEnvelope => buildSampleEvent({ type, context: sampleContexts[type], now });

const real = <T extends TTriggerType>(type: T, input: Parameters<typeof buildEventData<T>>[1]): EventEnvelope =>
  eventEnvelope({ id: `evt_${type}`, type, instanceId: instance.id, test: false, data: buildEventData(type, input) }, now);

const run = { submissionKind: "scheduled", submittedAt: at(9_000), startedAt: at(8_000), finishedAt: now };

export const realEventOf = (type: TTriggerType): EventEnvelope => {
  switch (type) {
    case "datasource.refresh.failed":
      return real(type, {
        instance,
        dataSource: { id: "ds_crm", name: "CRM contacts", kind: "file" },
        run: { id: "run_1", status: "failed", ...run, rowCount: null },
        error: { code: "file_missing", message: "The file contacts.csv was not found in the data sources directory." },
      });
    case "datasource.refresh.succeeded":
      return real(type, {
        instance,
        dataSource: { id: "ds_crm", name: "CRM contacts", kind: "file" },
        run: { id: "run_2", status: "successful", ...run, rowCount: 1_234_567 },
        error: null,
      });
    case "segment.threshold.crossed":
      return real(type, {
        instance,
        segment: { id: "seg_churn", name: "At-risk customers" },
        settings: { threshold: 2500, direction: "either", hysteresis: { kind: "percent", value: 5 } },
        crossed: "above",
        previousValue: 2480,
        currentValue: 2512,
        computedAt: now,
        refreshJobId: "rjob_7",
      });
    case "measure.threshold.crossed":
      return real(type, {
        instance,
        measure: { id: "msr_rev", name: "Total revenue", aggregation: "sum", attribute: "orderValue", segmentId: "seg_churn" },
        settings: { threshold: 100000.5, direction: "below", hysteresis: null },
        crossed: "below",
        previousValue: 100250.25,
        currentValue: 99875.75,
        computedAt: now,
        refreshJobId: null,
      });
    case "unification.refresh.completed":
      return real(type, {
        instance,
        run: { id: "urun_3", status: "failed", ...run },
        stages: [
          { stage: "map", status: "failed", startedAt: at(8_000).toISOString(), finishedAt: at(7_500).toISOString(), durationMs: 500, counts: null },
          { stage: "match", status: "skipped", startedAt: null, finishedAt: null, durationMs: null, counts: null },
          { stage: "merge", status: "skipped", startedAt: null, finishedAt: null, durationMs: null, counts: null },
        ],
        error: { code: "source_not_refreshed", message: "The data source CRM contacts has not been refreshed successfully yet." },
      });
    case "refresh.full.completed": {
      const task = { runId: null, startedAt: at(8_000), finishedAt: at(7_000), skipReason: null, error: null };
      return real(type, {
        instance,
        job: { id: "rjob_9", status: "failed", submissionKind: "onDemand", scheduledFor: null, submittedAt: at(9_000), startedAt: at(8_000), finishedAt: now },
        tasks: [
          { ...task, position: 0, kind: "dataSource", subjectId: "ds_crm", subjectName: "CRM contacts", status: "successful", counts: { rows: 1450 } },
          {
            ...task,
            position: 1,
            kind: "dataSource",
            subjectId: "ds_web",
            subjectName: "Web store customers",
            status: "failed",
            counts: null,
            error: { code: "csv_malformed", message: "Line 12: a quoted field is never closed." },
          },
          { ...task, position: 2, kind: "unification", subjectId: null, subjectName: "Contoso Retail", status: "skipped", startedAt: null, finishedAt: null, counts: null, skipReason: "dependency_failed" },
          { ...task, position: 3, kind: "measure", subjectId: "msr_aov", subjectName: "Average order value", status: "successful", counts: { value: 87.35 } },
        ],
      });
    }
  }
};
