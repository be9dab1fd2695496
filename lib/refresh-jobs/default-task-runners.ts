import { computeMeasure } from "../measures/compute-measure";
import { computeSegment } from "../segments/compute-segment";
import { runDataSourceTask } from "./run-data-source-task";
import { runUnificationTask } from "./run-unification-task";
import { type ComputeMeasure, type ComputeSegment, type TaskRunners, measureRunner, segmentRunner } from "./task-runners";

/** The runners of every task kind, with these computations of segments and measures. */
export const taskRunnersWith = (compute: { computeSegment: ComputeSegment; computeMeasure: ComputeMeasure }): TaskRunners => ({
  dataSource: runDataSourceTask,
  unification: runUnificationTask,
  segment: segmentRunner(compute.computeSegment),
  measure: measureRunner(compute.computeMeasure),
});

/** What the worker runs: the segments' and measures' own computations. */
export const taskRunners: TaskRunners = taskRunnersWith({ computeSegment, computeMeasure });
