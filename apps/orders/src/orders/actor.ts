import { hasRole, principalName, type Principal } from '@harvest/platform/http';
import {
  AgentsActThroughCallCenterError,
  CallRequiredError,
  NotAnAgentActionError,
} from './domain/order.errors';

/** Who caused a change, as recorded on transitions, refunds and events. */
export interface Actor {
  /** "system", "customer:<id>", "agent:<id>", "admin:<id>", "payment:<ref>", "fulfillment:<who>". */
  name: string;
  /** The call an agent acted in (named by the call center, X-Call-Id), for the audit trail. */
  callId: string | null;
}

export const SYSTEM: Actor = { name: 'system', callId: null };

/** An order change someone asked for: the actor to audit, and the agent when it is an agent's action. */
export interface ActingParty {
  actor: Actor;
  agentId: string | null;
}

/**
 * The one service (the client its token was issued to, `azp`) that may carry an agent's action on orders:
 * callcenter checks that the agent is handling the call and the customer is the caller's, audits the action,
 * and names agent and call (X-Acting-Agent, X-Call-Id) next to its own client-credentials token.
 */
export const CALL_CENTER_SERVICE = 'callcenter';

export function actorOf(principal: Principal): Actor {
  return { name: principalName(principal), callId: null };
}

/** A customer and nothing more: sees and acts on their own orders only, in the customer's view. */
export function isCustomerOnly(principal: Principal): boolean {
  return hasRole(principal, 'customer') && !hasRole(principal, 'agent', 'admin', 'service');
}

/**
 * Who asks for a change an agent may ask for (checkout for a customer, cancel, refund). Agents act only
 * within a call, and only the call center knows the call: an agent's own token is refused here, and the
 * call center's is accepted only when it names the agent and the call.
 */
export function actingPartyOf(principal: Principal): ActingParty {
  if (!hasRole(principal, 'service')) {
    if (hasRole(principal, 'agent') && !hasRole(principal, 'admin'))
      throw new AgentsActThroughCallCenterError();
    return { actor: actorOf(principal), agentId: null };
  }
  if (principal.clientId !== CALL_CENTER_SERVICE || !principal.actor) throw new NotAnAgentActionError();
  if (!principal.callId) throw new CallRequiredError();
  const agentId = principal.actor.subject;
  return { actor: { name: `agent:${agentId}`, callId: principal.callId }, agentId };
}
