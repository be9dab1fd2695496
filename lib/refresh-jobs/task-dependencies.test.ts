import { describe, expect, it } from "vitest";
import { type DependencyTask, dependencyFailed } from "./task-dependencies";

const task = (kind: DependencyTask["kind"], status: DependencyTask["status"], subjectId: string | null = null, skipReason?: "not_configured" | "dependency_failed"): DependencyTask => ({
  kind,
  subjectId,
  status,
  result: skipReason ? { skipReason } : {},
});

describe("which tasks a failure skips", () => {
  const segmentA = task("segment", "queued", "seg_a");
  const measureOfA = task("measure", "queued", "mea_a");
  const measureOfAll = task("measure", "queued", "mea_all");

  it("a failed mapped data source skips unification, and through it the segments and measures; not the other sources", () => {
    const tasks = [task("dataSource", "failed", "ds_1"), task("dataSource", "queued", "ds_2"), task("unification", "queued"), segmentA, measureOfAll];
    expect(dependencyFailed(tasks[1]!, tasks)).toBe(false);
    expect(dependencyFailed(tasks[2]!, tasks, { mappedSourceIds: ["ds_1", "ds_2"] })).toBe(true);
    const after = [tasks[0]!, tasks[1]!, task("unification", "skipped", null, "dependency_failed"), segmentA, measureOfAll];
    expect(dependencyFailed(segmentA, after)).toBe(true);
    expect(dependencyFailed(measureOfAll, after)).toBe(true);
  });

  it("a failed unmapped data source skips nothing: unification does not read it", () => {
    const tasks = [task("dataSource", "failed", "ds_1"), task("dataSource", "successful", "ds_2"), task("unification", "queued"), segmentA, measureOfAll];
    expect(dependencyFailed(tasks[2]!, tasks, { mappedSourceIds: ["ds_2"] })).toBe(false);
    const after = [tasks[0]!, tasks[1]!, task("unification", "successful"), segmentA, measureOfAll];
    expect(dependencyFailed(segmentA, after)).toBe(false);
    expect(dependencyFailed(measureOfAll, after)).toBe(false);
  });

  it("without unification configured, a failed source does not skip the segments: they read the existing profiles", () => {
    const tasks = [task("dataSource", "failed", "ds_1"), task("unification", "skipped", null, "not_configured"), segmentA, measureOfAll];
    expect(dependencyFailed(segmentA, tasks)).toBe(false);
    expect(dependencyFailed(measureOfAll, tasks)).toBe(false);
  });

  it("a failed unification skips the segments and measures", () => {
    const tasks = [task("dataSource", "successful", "ds_1"), task("unification", "failed"), segmentA, measureOfAll];
    expect(dependencyFailed(segmentA, tasks)).toBe(true);
    expect(dependencyFailed(measureOfAll, tasks)).toBe(true);
  });

  it("an unconfigured unification skips nothing", () => {
    const tasks = [task("dataSource", "successful", "ds_1"), task("unification", "skipped", null, "not_configured"), segmentA, measureOfAll];
    expect(dependencyFailed(segmentA, tasks)).toBe(false);
    expect(dependencyFailed(measureOfAll, tasks)).toBe(false);
  });

  it("a failed segment skips the measures filtered by it, and only those", () => {
    const tasks = [task("unification", "successful"), task("segment", "failed", "seg_a"), task("segment", "successful", "seg_b"), measureOfA, measureOfAll];
    expect(dependencyFailed(measureOfA, tasks, { measureSegmentId: "seg_a" })).toBe(true);
    expect(dependencyFailed(measureOfA, tasks, { measureSegmentId: "seg_b" })).toBe(false);
    expect(dependencyFailed(measureOfAll, tasks, { measureSegmentId: null })).toBe(false);
  });
});
