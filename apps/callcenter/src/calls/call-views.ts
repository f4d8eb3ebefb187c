import { hasRole, type Principal } from '@harvest/platform/http';
import { maskPhone } from '../directory/domain/phone';
import type { CallRecord } from './entities/call-record.entity';

/** Only the agent on the call needs the customer's number (to confirm or call back); everyone else sees it masked. */
export function maySeeFullNumber(viewer: Principal, call: CallRecord): boolean {
  return hasRole(viewer, 'agent') && call.agentId === viewer.subject;
}

export function callView(call: CallRecord, viewer: Principal) {
  return {
    callId: call.callId,
    vendor: call.vendor,
    direction: call.direction,
    status: call.status,
    customerNumber: maySeeFullNumber(viewer, call) ? call.customerNumber : maskPhone(call.customerNumber),
    customerId: call.customerId,
    agentId: call.agentId,
    startedAt: call.startedAt.toISOString(),
    answeredAt: call.answeredAt?.toISOString() ?? null,
    endedAt: call.endedAt?.toISOString() ?? null,
    durationSeconds: call.durationSeconds,
    hasRecording: call.hasRecording,
    source: call.source,
  };
}
