import { sweepInBatches } from './sweep-in-batches';

/** A backlog of `rows` that each batch takes from, at most `limit` at a time. */
function backlog(rows: number) {
  let left = rows;
  const limits: number[] = [];
  const batch = jest.fn(async (limit: number) => {
    limits.push(limit);
    const taken = Math.min(limit, left);
    left -= taken;
    return taken;
  });
  return { batch, limits, left: () => left };
}

describe('sweepInBatches', () => {
  it('repeats batches of the given size until one comes back short, and reports progress', async () => {
    const { batch, limits, left } = backlog(23);
    const progress: Array<[number, number]> = [];
    const total = await sweepInBatches(batch, {
      batchSize: 10,
      onBatch: (handled, sum) => progress.push([handled, sum]),
    });
    expect(total).toBe(23);
    expect(left()).toBe(0);
    expect(limits).toEqual([10, 10, 10]);
    expect(progress).toEqual([
      [10, 10],
      [10, 20],
      [3, 23],
    ]);
  });

  it('runs one more (empty) batch when the backlog is an exact multiple, and reports no empty batch', async () => {
    const { batch } = backlog(20);
    const onBatch = jest.fn();
    expect(await sweepInBatches(batch, { batchSize: 10, onBatch })).toBe(20);
    expect(batch).toHaveBeenCalledTimes(3);
    expect(onBatch).toHaveBeenCalledTimes(2);
  });

  it('starts no further batch once its signal is aborted', async () => {
    const { batch, left } = backlog(100);
    const abort = new AbortController();
    const total = await sweepInBatches(
      async (limit) => {
        const handled = await batch(limit);
        if (batch.mock.calls.length === 2) abort.abort();
        return handled;
      },
      { batchSize: 10, signal: abort.signal },
    );
    expect(total).toBe(20);
    expect(left()).toBe(80);
    expect(await sweepInBatches(batch, { batchSize: 10, signal: abort.signal })).toBe(0);
  });

  it('stops at a failing batch and rejects with its error', async () => {
    let calls = 0;
    const sweep = sweepInBatches(
      async (limit) => {
        calls++;
        if (calls === 2) throw new Error('deadlock');
        return limit;
      },
      { batchSize: 5 },
    );
    await expect(sweep).rejects.toThrow('deadlock');
    expect(calls).toBe(2);
  });

  it('refuses a batch size below 1', async () => {
    await expect(sweepInBatches(async () => 0, { batchSize: 0 })).rejects.toThrow(RangeError);
  });
});
