import { describe, expect, it, vi } from "vitest";
import type { Db } from "../db/client";
import { DatabaseBusyError } from "../db/database-busy-error";
import { notFound } from "../errors/app-error";
import { type TaskContext, measureRunner, segmentRunner } from "./task-runners";
import type { RefreshJobTaskRow } from "./to-job-dto";

// No computation recorded for the job yet, so the runners compute.
const db = { segmentComputation: { findFirst: async () => null }, measureComputation: { findFirst: async () => null } } as unknown as Db;
const ctx = (subjectId: string) =>
  ({ db, job: { id: "rjob_1", tenantId: "t", instanceId: "i", submissionKind: "onDemand" }, task: { subjectId } as RefreshJobTaskRow }) as TaskContext;

describe("segment and measure tasks", () => {
  it("record a computation's error as the task's failure", async () => {
    await expect(segmentRunner(vi.fn().mockRejectedValue(notFound("segment")))(ctx("seg_1"))).resolves.toMatchObject({ status: "failed", error: { code: "not_found" } });
  });

  it("rethrow a busy database instead of failing the task, so the job is retried", async () => {
    await expect(segmentRunner(vi.fn().mockRejectedValue(new DatabaseBusyError(5_000)))(ctx("seg_1"))).rejects.toBeInstanceOf(DatabaseBusyError);
    await expect(measureRunner(vi.fn().mockRejectedValue(new DatabaseBusyError(5_000)))(ctx("mea_1"))).rejects.toBeInstanceOf(DatabaseBusyError);
  });
});
