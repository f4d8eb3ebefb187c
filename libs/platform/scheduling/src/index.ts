export { PeriodicJob, type JobLogger, type JobWork, type PeriodicJobOptions } from './periodic-job';
export { sweepInBatches, type SweepInBatchesOptions } from './sweep-in-batches';
