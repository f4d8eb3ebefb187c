export { PeriodicJob, type JobLogger, type JobWork, type PeriodicJobOptions } from './periodic-job';
export { PeriodicJobProvider, type PeriodicJobProviderOptions } from './periodic-job.provider';
export { sweepInBatches, type SweepInBatchesOptions } from './sweep-in-batches';
