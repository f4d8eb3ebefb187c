import { DomainError } from '@harvest/platform/errors';

/** An operator's reconciliation reads the vendor's list for at most a week at a time. */
export const MAX_RECONCILIATION_WINDOW_MS = 7 * 24 * 3600 * 1000;

export class InvalidWindowError extends DomainError {
  constructor(detail: string, field: 'from' | 'to') {
    super('invalid', 'invalid-window', detail, { extensions: { field } });
  }
}

/** The window an operator asks to reconcile: `to` after `from`, and no longer than a week. */
export function requireReconcilableWindow(from: Date, to: Date): void {
  if (to <= from) throw new InvalidWindowError('to must be after from', 'to');
  if (to.getTime() - from.getTime() > MAX_RECONCILIATION_WINDOW_MS)
    throw new InvalidWindowError('the window may span at most 7 days', 'from');
}
