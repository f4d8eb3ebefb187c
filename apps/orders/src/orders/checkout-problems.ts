import type { ProblemException } from '@harvest/platform/http';
import { ordersProblem } from '../problems';
import type { CheckoutRefusal } from './domain/checkout-planner';

const details = (problems: Array<{ field: string; message: string }>) =>
  problems.map((p) => `${p.field}: ${p.message}`).join('; ');

/** A checkout refusal as the API answers it: 422 for what the request can fix, 409 for what ran out. */
export function checkoutProblem(refusal: CheckoutRefusal): ProblemException {
  switch (refusal.kind) {
    case 'too-many-lines':
      return ordersProblem(422, refusal.kind, `an order may have at most ${refusal.maxLines} lines`, {
        field: 'lines',
      });
    case 'unknown-zone':
      return ordersProblem(422, refusal.kind, `we do not deliver to zone ${refusal.zoneId}`, {
        field: 'address.zoneId',
      });
    case 'invalid-order-lines':
      return ordersProblem(422, refusal.kind, details(refusal.problems), { errors: refusal.problems });
    case 'temperature-class-not-served':
      return ordersProblem(
        422,
        refusal.kind,
        `${refusal.centerName} cannot deliver ${refusal.unserved.join(', ')} goods to this zone`,
        { errors: refusal.problems },
      );
    case 'unknown-slot':
      return ordersProblem(422, refusal.kind, `delivery slot ${refusal.slotId} does not exist`, {
        field: 'slotId',
      });
    case 'slot-not-bookable':
      return ordersProblem(refusal.reason.status, refusal.reason.type, refusal.reason.detail, {
        field: 'slotId',
      });
    case 'out-of-stock':
      return ordersProblem(
        409,
        refusal.kind,
        `not enough stock at ${refusal.centerName} for ${refusal.skuIds.join(', ')}`,
        { errors: refusal.problems },
      );
  }
}
