import { DomainError, type DomainErrorKind } from '@harvest/platform/errors';
import type { LineProblem } from './pricing';
import type { CheckoutRefusal } from './checkout-planner';

const details = (problems: LineProblem[]) => problems.map((p) => `${p.field}: ${p.message}`).join('; ');

interface Answer {
  kind: DomainErrorKind;
  type: string;
  detail: string;
  /** The problem's own members: `field` (top-level, as the API always named it) or `errors` per line. */
  extensions: Record<string, unknown>;
}

/** A checkout refusal as the API answers it: unprocessable (422) for what the request can fix, conflict (409) for what ran out. */
function answer(refusal: CheckoutRefusal): Answer {
  switch (refusal.kind) {
    case 'too-many-lines':
      return {
        kind: 'unprocessable',
        type: refusal.kind,
        detail: `an order may have at most ${refusal.maxLines} lines`,
        extensions: { field: 'lines' },
      };
    case 'unknown-zone':
      return {
        kind: 'unprocessable',
        type: refusal.kind,
        detail: `we do not deliver to zone ${refusal.zoneId}`,
        extensions: { field: 'address.zoneId' },
      };
    case 'invalid-order-lines':
      return {
        kind: 'unprocessable',
        type: refusal.kind,
        detail: details(refusal.problems),
        extensions: { errors: refusal.problems },
      };
    case 'temperature-class-not-served':
      return {
        kind: 'unprocessable',
        type: refusal.kind,
        detail: `${refusal.centerName} cannot deliver ${refusal.unserved.join(', ')} goods to this zone`,
        extensions: { errors: refusal.problems },
      };
    case 'unknown-slot':
      return {
        kind: 'unprocessable',
        type: refusal.kind,
        detail: `delivery slot ${refusal.slotId} does not exist`,
        extensions: { field: 'slotId' },
      };
    case 'slot-not-bookable':
      return {
        kind: refusal.reason.status === 409 ? 'conflict' : 'unprocessable',
        type: refusal.reason.type,
        detail: refusal.reason.detail,
        extensions: { field: 'slotId' },
      };
    case 'out-of-stock':
      return {
        kind: 'conflict',
        type: refusal.kind,
        detail: `not enough stock at ${refusal.centerName} for ${refusal.skuIds.join(', ')}`,
        extensions: { errors: refusal.problems },
      };
  }
}

/** The planner's refusal, thrown by checkout; nothing was written (or it is rolled back). */
export class CheckoutRefusedError extends DomainError {
  constructor(readonly refusal: CheckoutRefusal) {
    const { kind, type, detail, extensions } = answer(refusal);
    super(kind, type, detail, { extensions });
  }
}
