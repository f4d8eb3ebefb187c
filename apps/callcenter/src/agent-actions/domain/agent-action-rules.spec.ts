import { NotFoundError } from '@harvest/platform/errors';
import {
  CallerNotIdentifiedError,
  NotTheCallersCustomerError,
  NotYourCallError,
  auditDetail,
  handledCall,
  requireCallersCustomer,
  requireIdentifiedCaller,
} from './agent-action-rules';

describe('agent action rules', () => {
  const call = { callId: 'c1', agentId: 'agent-1', customerId: 'cust-1' };

  it('an agent acts only within a call they handle', () => {
    expect(handledCall(call, { agentId: 'agent-1', callId: 'c1' })).toBe(call);
    expect(() => handledCall(null, { agentId: 'agent-1', callId: 'c9' })).toThrow(NotFoundError);
    expect(() => handledCall(null, { agentId: 'agent-1', callId: 'c9' })).toThrow('call c9 not found');
    expect(() => handledCall(call, { agentId: 'agent-2', callId: 'c1' })).toThrow(NotYourCallError);
    expect(() => handledCall({ ...call, agentId: null }, { agentId: 'agent-1', callId: 'c1' })).toThrow(
      expect.objectContaining({ kind: 'forbidden', type: 'not-your-call', extensions: { field: 'callId' } }),
    );
  });

  it('needs a caller the directory knows', () => {
    expect(requireIdentifiedCaller(call)).toBe('cust-1');
    expect(() => requireIdentifiedCaller({ ...call, customerId: null })).toThrow(CallerNotIdentifiedError);
    expect(() => requireIdentifiedCaller({ ...call, customerId: null })).toThrow(
      expect.objectContaining({
        kind: 'forbidden',
        type: 'caller-not-identified',
        extensions: { field: 'callId' },
      }),
    );
  });

  it("acts only for the caller's customer, naming the field that points elsewhere", () => {
    expect(() => requireCallersCustomer(call, { customerId: 'cust-1', orderId: null })).not.toThrow();
    expect(() => requireCallersCustomer(call, { customerId: 'cust-1', orderId: 'o1' })).not.toThrow();
    expect(() => requireCallersCustomer(call, { customerId: 'cust-2', orderId: null })).toThrow(
      expect.objectContaining({ type: 'not-the-callers-customer', extensions: { field: 'customerId' } }),
    );
    expect(() => requireCallersCustomer(call, { customerId: 'cust-2', orderId: 'o1' })).toThrow(
      NotTheCallersCustomerError,
    );
    expect(() => requireCallersCustomer(call, { customerId: 'cust-2', orderId: 'o1' })).toThrow(
      expect.objectContaining({ extensions: { field: 'orderId' } }),
    );
  });

  it('an order orders does not know is not found', () => {
    expect(() => requireCallersCustomer(call, { customerId: null, orderId: 'o9' })).toThrow(NotFoundError);
    expect(() => requireCallersCustomer(call, { customerId: null, orderId: 'o9' })).toThrow(
      'order o9 not found',
    );
  });

  it('audits status and money from orders answer, never the address', () => {
    expect(auditDetail({ id: 'o1', status: 'paid', totalFen: 1200, address: { line1: 'secret' } })).toEqual({
      status: 'paid',
      totalFen: 1200,
    });
    expect(auditDetail({ amountFen: 500, reason: 'goodwill', note: 'x' })).toEqual({
      amountFen: 500,
      reason: 'goodwill',
    });
    expect(auditDetail({})).toEqual({});
  });
});
