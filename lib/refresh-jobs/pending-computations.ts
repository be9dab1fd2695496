import { AppError } from "../errors/app-error";
import type { ComputeMeasure, ComputeSegment } from "./task-runners";

// Until lib/segments/compute-segment.ts and lib/measures/compute-measure.ts land, the worker has no
// computation to call: a segment or measure task fails, saying so, rather than inventing a size or
// a value. lib/worker/loops.ts swaps these for the real ones (taskRunnersWith) when they land.

export const computeSegmentPending: ComputeSegment = async () => {
  throw new AppError("internal_error", "Segments cannot be computed by this version of the worker yet.", { reason: "unexpected" } as never);
};

export const computeMeasurePending: ComputeMeasure = async () => {
  throw new AppError("internal_error", "Measures cannot be computed by this version of the worker yet.", { reason: "unexpected" } as never);
};
