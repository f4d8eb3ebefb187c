export interface SweepInBatchesOptions {
  /** Rows per batch: passed to every batch as its LIMIT. */
  batchSize: number;
  /** Once aborted (shutdown), no further batch starts: what is left waits for the next run. */
  signal?: AbortSignal;
  /** After each batch that handled rows: how many it handled and the sweep's total so far (progress logs). */
  onBatch?: (handled: number, total: number) => void;
}

/**
 * Runs `batch(limit)` (one short transaction that claims at most `limit` rows, e.g. SELECT ... LIMIT ? FOR UPDATE
 * SKIP LOCKED, and handles them) again and again until one handles fewer than `limit`: the backlog is done.
 * Short transactions keep row locks and replication lag small when the backlog is large. Each batch must
 * leave the rows it handled out of its own next query, or the sweep never ends. Resolves the total handled.
 */
export async function sweepInBatches(
  batch: (limit: number) => Promise<number>,
  options: SweepInBatchesOptions,
): Promise<number> {
  const { batchSize, signal, onBatch } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a whole number, 1 or more (got ${batchSize})`);
  let total = 0;
  while (!signal?.aborted) {
    const handled = await batch(batchSize);
    total += handled;
    if (handled > 0) onBatch?.(handled, total);
    if (handled < batchSize) break;
  }
  return total;
}
