import { actingAgentHeaders, withActingAgent } from './acting-agent';
import type { Principal } from './principal';
import { TokenRefusedError } from './token-policy';

const callcenter: Principal = { subject: 'sa-callcenter', roles: ['service'], clientId: 'callcenter' };

const refusal = (principal: Principal, headers: Record<string, string | string[]>): string => {
  try {
    withActingAgent(principal, headers);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenRefusedError);
    return (error as Error).message;
  }
  throw new Error('the acting agent was accepted');
};

describe('withActingAgent (X-Acting-Agent, X-Call-Id)', () => {
  it('lets only a service act on behalf of someone (ignored on anyone else), and a call id only come with that someone', () => {
    expect(withActingAgent(callcenter, actingAgentHeaders('agent-5', 'call-1'))).toEqual({
      ...callcenter,
      actor: { subject: 'agent-5' },
      callId: 'call-1',
    });
    expect(withActingAgent(callcenter, { 'x-acting-agent': 'agent-5' })).toEqual({
      ...callcenter,
      actor: { subject: 'agent-5' },
    });
    const agent: Principal = { subject: 'agent-5', roles: ['agent'] };
    expect(withActingAgent(agent, actingAgentHeaders('agent-5', 'call-1'))).toBe(agent);
    const admin: Principal = { subject: 'ops-1', roles: ['admin'], clientId: 'callcenter' };
    expect(withActingAgent(admin, actingAgentHeaders('agent-5', 'call-1'))).toBe(admin);
    expect(refusal(callcenter, { 'x-call-id': 'call-1' })).toMatch(/call id/);
  });

  it('leaves a principal without those headers as it is, and refuses repeated or over-long ids', () => {
    expect(withActingAgent(callcenter, { 'x-request-id': 'r-1' })).toBe(callcenter);
    expect(refusal(callcenter, { 'x-acting-agent': ['a-1', 'a-2'] })).toMatch(/one id/);
    expect(refusal(callcenter, { 'x-acting-agent': 'a'.repeat(129) })).toMatch(/one id/);
    expect(refusal(callcenter, { 'x-acting-agent': 'a-1', 'x-call-id': '' })).toMatch(/one id/);
  });
});
