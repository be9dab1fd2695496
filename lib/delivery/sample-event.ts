import { newId } from "../ids/new-id";
import type { TTriggerType } from "../triggers/schemas";

export type SampleEventInput = {
  type: TTriggerType;
  instance: { id: string; name: string };
  /** The watched data source, or null when the trigger watches any source (a sample one is used). */
  dataSource: { id: string; name: string; kind: string } | null;
  now?: Date;
};

export type SampleEvent = {
  id: string;
  type: TTriggerType;
  timestamp: string;
  instanceId: string;
  test: true;
  data: Record<string, unknown>;
};

/**
 * A marked (`test: true`) event with realistic data of the same shape real events carry
 * (lib/datasources/build-refresh-event-data.ts builds those), so a flow built against a
 * test-fire keeps working on real events.
 */
export const buildSampleEvent = ({ type, instance, dataSource, now = new Date() }: SampleEventInput): SampleEvent => {
  const failed = type === "datasource.refresh.failed";
  const finishedAt = now;
  const startedAt = new Date(now.getTime() - (failed ? 1_850 : 4_320));
  const submittedAt = new Date(startedAt.getTime() - 640);
  return {
    id: newId("evt", now.getTime()),
    type,
    timestamp: now.toISOString(),
    instanceId: instance.id,
    test: true,
    data: {
      instance: { id: instance.id, name: instance.name },
      dataSource: dataSource ?? { id: "sample-data-source", name: "Online orders (sample)", kind: "upload" },
      run: {
        id: newId("run_sample", now.getTime()),
        status: failed ? "failed" : "successful",
        submissionKind: "onDemand",
        submittedAt: submittedAt.toISOString(),
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        rowCount: failed ? null : 1_250,
      },
      error: failed
        ? {
            code: "missing_columns",
            message: "The file has no column named \"Email\". Add it, or change the required columns of the data source.",
          }
        : null,
    },
  };
};

export const serialiseEvent = (event: SampleEvent) => JSON.stringify(event);
