import { DomainError, NotFoundError } from '@harvest/platform/errors';

/** What the rules need of a call record: who handles it and whom the caller was identified as. */
export interface CallParties {
  callId: string;
  agentId: string | null;
  customerId: string | null;
}

export class NotYourCallError extends DomainError {
  constructor() {
    super('forbidden', 'not-your-call', 'agents act only within a call they are handling', {
      extensions: { field: 'callId' },
    });
  }
}

export class CallerNotIdentifiedError extends DomainError {
  constructor(callId: string) {
    super(
      'forbidden',
      'caller-not-identified',
      `the caller of call ${callId} is not a known customer (their number is not in the directory), so no order action is taken on the call`,
      { extensions: { field: 'callId' } },
    );
  }
}

export class NotTheCallersCustomerError extends DomainError {
  constructor(callId: string, field: 'orderId' | 'customerId') {
    super(
      'forbidden',
      'not-the-callers-customer',
      `agents act only for the customer on the call (call ${callId})`,
      {
        extensions: { field },
      },
    );
  }
}

/** The call an agent names, if it is one they handle: else not found (no such call) or NotYourCallError. */
export function handledCall<C extends CallParties>(
  call: C | null,
  agent: { agentId: string; callId: string },
): C {
  if (!call) throw new NotFoundError(`call ${agent.callId}`);
  if (call.agentId !== agent.agentId) throw new NotYourCallError();
  return call;
}

/** An agent acts for the customer on the call only, so the caller must be a known customer. */
export function requireIdentifiedCaller(call: CallParties): string {
  if (!call.customerId) throw new CallerNotIdentifiedError(call.callId);
  return call.customerId;
}

/**
 * The customer an action is for (named in the request, or the customer of the order it names, null when orders
 * has no such order) must be the caller's.
 */
export function requireCallersCustomer(
  call: CallParties,
  named: { customerId: string | null; orderId: string | null },
): void {
  if (named.orderId && named.customerId === null) throw new NotFoundError(`order ${named.orderId}`);
  if (named.customerId !== call.customerId)
    throw new NotTheCallersCustomerError(call.callId, named.orderId ? 'orderId' : 'customerId');
}

/** What the trail keeps of orders' answer: status and money, not the delivery address. */
export function auditDetail(body: Record<string, unknown>) {
  const pick = (key: string) => (body[key] === undefined ? {} : { [key]: body[key] });
  return { ...pick('status'), ...pick('totalFen'), ...pick('amountFen'), ...pick('reason') };
}
