import { hasRole, type Principal } from './principal';
import { TokenRefusedError } from './token-policy';

/**
 * How a service names the agent it acts for and the call they act in, next to its OWN client-credentials
 * token (docs/identity.md, "Service to service"): plain headers the receiving service trusts only on a
 * service token, and only from the services it names (orders: callcenter's `azp`).
 */
export const ACTING_AGENT_HEADER = 'x-acting-agent';
export const CALL_ID_HEADER = 'x-call-id';

const MAX_ID_LENGTH = 128;

/** The headers a service adds to act for `agentId` within `callId`. */
export function actingAgentHeaders(agentId: string, callId: string): Record<string, string> {
  return { [ACTING_AGENT_HEADER]: agentId, [CALL_ID_HEADER]: callId };
}

type Headers = Record<string, string | string[] | undefined>;

function single(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value) || value.length === 0 || value.length > MAX_ID_LENGTH)
    throw new TokenRefusedError(`The ${name} header must be one id of 1 to ${MAX_ID_LENGTH} characters.`);
  return value;
}

/**
 * The verified principal with the agent and call its request names. Only a service may act for someone: on
 * anyone else's token the headers prove nothing and are ignored (orders then refuses an agent's own token
 * with its own 403). On a service token a call id comes only with the agent acting in it, and each is one
 * short id; anything else is refused like a bad token (401).
 */
export function withActingAgent(principal: Principal, headers: Headers): Principal {
  if (!hasRole(principal, 'service')) return principal;
  const agent = single(headers, ACTING_AGENT_HEADER);
  const callId = single(headers, CALL_ID_HEADER);
  if (agent === undefined && callId === undefined) return principal;
  if (agent === undefined)
    throw new TokenRefusedError(
      'A call id (X-Call-Id) comes only with the agent acting in it (X-Acting-Agent).',
    );
  return { ...principal, actor: { subject: agent }, ...(callId === undefined ? {} : { callId }) };
}
