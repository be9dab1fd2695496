import { runDataSourceTask } from "./run-data-source-task";
import { runUnificationTask } from "./run-unification-task";
import { type ComputeMeasure, type ComputeSegment, type TaskRunners, measureRunner, segmentRunner } from "./task-runners";

/** The runners of every task kind, with the segments' and measures' computations of their domains. */
export const taskRunnersWith = (compute: { computeSegment: ComputeSegment; computeMeasure: ComputeMeasure }): TaskRunners => ({
  dataSource: runDataSourceTask,
  unification: runUnificationTask,
  segment: segmentRunner(compute.computeSegment),
  measure: measureRunner(compute.computeMeasure),
});
