// Why a job's execution stops before its end without recording anything on it: neither is the
// job's failure, so neither is written on its tasks.

/** The job was taken over by another worker (its lease expired) or deleted with its instance. */
export class JobLost extends Error {}

/** This worker is stopping: the job is handed back (its lease released) for another worker to resume. */
export class JobStopped extends Error {}

/** Throws JobStopped once the worker's stop signal has fired. */
export const throwIfStopped = (signal: AbortSignal | undefined) => {
  if (signal?.aborted) throw new JobStopped("The worker is stopping.");
};
