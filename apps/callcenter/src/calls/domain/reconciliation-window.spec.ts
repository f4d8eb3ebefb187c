import {
  InvalidWindowError,
  MAX_RECONCILIATION_WINDOW_MS,
  requireReconcilableWindow,
} from './reconciliation-window';

describe('reconciliation window', () => {
  const from = new Date('2026-11-23T00:00:00Z');
  const after = (ms: number) => new Date(from.getTime() + ms);

  it('accepts a window up to a week long', () => {
    expect(() => requireReconcilableWindow(from, after(1))).not.toThrow();
    expect(() => requireReconcilableWindow(from, after(MAX_RECONCILIATION_WINDOW_MS))).not.toThrow();
  });

  it('refuses an empty or backwards window, naming `to`', () => {
    for (const to of [from, after(-1)]) {
      expect(() => requireReconcilableWindow(from, to)).toThrow(InvalidWindowError);
      expect(() => requireReconcilableWindow(from, to)).toThrow(
        expect.objectContaining({
          kind: 'invalid',
          type: 'invalid-window',
          detail: 'to must be after from',
          extensions: { field: 'to' },
        }),
      );
    }
  });

  it('refuses a window longer than a week, naming `from`', () => {
    expect(() => requireReconcilableWindow(from, after(MAX_RECONCILIATION_WINDOW_MS + 1))).toThrow(
      expect.objectContaining({
        type: 'invalid-window',
        detail: 'the window may span at most 7 days',
        extensions: { field: 'from' },
      }),
    );
  });
});
