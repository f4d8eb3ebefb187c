import { DomainError } from '@harvest/platform/errors';

export const QA_DECISIONS = ['release', 'discard'] as const;
export type QaDecision = (typeof QA_DECISIONS)[number];

export class LotAlreadyDecidedError extends DomainError {
  constructor(lotId: string, decision: QaDecision) {
    super('conflict', 'lot-already-decided', `Lot ${lotId} was already decided (${decision}) in this case`, {
      extensions: { decision },
    });
  }
}

/** Each held lot is decided once: a release cannot bring back discarded produce, nor a discard undo a release. */
export function assertUndecided(lotId: string, decision: QaDecision | null): void {
  if (decision !== null) throw new LotAlreadyDecidedError(lotId, decision);
}

/** A case stays open while any of its lots waits for QA; one that held nothing has nothing to decide. */
export function caseStatus(decisions: ReadonlyArray<QaDecision | null>): 'open' | 'closed' {
  return decisions.some((d) => d === null) ? 'open' : 'closed';
}

/**
 * What a discard takes out of each bin: everything not promised to a pick task already under way (those
 * units leave with the pick); the rest of the lot stays held.
 */
export function discardQuantities(
  bins: ReadonlyArray<{ locationId: string; onHand: number; allocated: number }>,
): Array<{ locationId: string; quantity: number }> {
  return bins
    .map((bin) => ({ locationId: bin.locationId, quantity: Math.max(0, bin.onHand - bin.allocated) }))
    .filter((bin) => bin.quantity > 0);
}
