import type { Principal } from '@harvest/platform/http';

/** Who caused a change, as recorded on transitions, refunds and events. */
export interface Actor {
  /** "system", "customer:<id>", "agent:<id>", "admin:<id>", "payment:<ref>", "fulfillment:<who>". */
  name: string;
  /** The call an agent acted in (X-Call-Id), for the audit trail. */
  callId: string | null;
}

export const SYSTEM: Actor = { name: 'system', callId: null };

export function actorOf(principal: Principal, callId: string | null): Actor {
  return { name: `${principal.role}:${principal.subject}`, callId };
}
