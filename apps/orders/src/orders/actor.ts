import type { Principal } from '@harvest/platform/http';
import {
  AgentsActThroughCallCenterError,
  CallRequiredError,
  NotAnAgentActionError,
} from './domain/order.errors';

/** Who caused a change, as recorded on transitions, refunds and events. */
export interface Actor {
  /** "system", "customer:<id>", "agent:<id>", "admin:<id>", "payment:<ref>", "fulfillment:<who>". */
  name: string;
  /** The call an agent acted in (from the call center's token), for the audit trail. */
  callId: string | null;
}

export const SYSTEM: Actor = { name: 'system', callId: null };

/** An order change someone asked for: the actor to audit, and the agent when it is an agent's action. */
export interface ActingParty {
  actor: Actor;
  agentId: string | null;
}

/**
 * The one service whose token may carry an agent's action on orders: callcenter checks that the agent is
 * handling the call and the customer is the caller's, audits the action, and names agent (`act`) and call
 * (`call_id`) in a token it mints per action.
 */
export const CALL_CENTER_SERVICE = 'callcenter';

export function actorOf(principal: Principal): Actor {
  return { name: `${principal.role}:${principal.subject}`, callId: null };
}

/**
 * Who asks for a change an agent may ask for (checkout for a customer, cancel, refund). Agents act only
 * within a call, and only the call center knows the call: an agent's own token is refused here, and the
 * call center's is accepted only when it names the agent and the call.
 */
export function actingPartyOf(principal: Principal): ActingParty {
  if (principal.role === 'agent') throw new AgentsActThroughCallCenterError();
  if (principal.role !== 'service') return { actor: actorOf(principal), agentId: null };
  if (principal.subject !== CALL_CENTER_SERVICE || !principal.actor) throw new NotAnAgentActionError();
  if (!principal.callId) throw new CallRequiredError();
  const agentId = principal.actor.subject;
  return { actor: { name: `agent:${agentId}`, callId: principal.callId }, agentId };
}
