import { lateRefundNoOf, nextRefundAttemptAt, outRefundNoOf, withinCaptured } from './refund-rules';

describe('refund rules', () => {
  it('numbers a refund stably, within the providers 64 characters', () => {
    expect(outRefundNoOf('0b5f6a2e-58c1-4bbf-8b0e-3d3f3c8f9a10')).toBe('0b5f6a2e58c14bbf8b0e3d3f3c8f9a10');
    expect(lateRefundNoOf('0b5f6a2e58c14bbf8b0e3d3f3c8f9a10')).toHaveLength(37);
  });

  it('backs off from the first delay, doubling, to at most 30 minutes', () => {
    const at = (attempts: number) => nextRefundAttemptAt(new Date(0), attempts, 5_000).getTime();
    expect([at(1), at(2), at(3), at(4)]).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(at(40)).toBe(30 * 60_000);
  });

  it('never lets refunds exceed what was captured', () => {
    expect(withinCaptured(1000, 0, 1000)).toBe(true);
    expect(withinCaptured(1000, 700, 300)).toBe(true);
    expect(withinCaptured(1000, 700, 301)).toBe(false);
    expect(withinCaptured(1000, 0, 0)).toBe(false);
  });
});
