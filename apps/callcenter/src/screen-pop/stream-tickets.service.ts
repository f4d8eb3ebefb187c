import { createHash, randomBytes } from 'node:crypto';
import { CACHE_STORE, type CacheStore } from '@harvest/platform/cache';
import { DomainError } from '@harvest/platform/errors';
import { Inject, Injectable } from '@nestjs/common';
import { CALLCENTER_CONFIG, type CallcenterConfig } from '../config/callcenter.config';

/** Who a ticket lets in, and until when the token that asked for it is valid. */
export interface StreamTicketHolder {
  agentId: string;
  tokenExpiresAt: string;
}

export interface StreamTicket {
  ticket: string;
  expiresAt: string;
}

export class StreamTicketsUnavailableError extends DomainError {
  constructor() {
    super('unavailable', 'stream-tickets-unavailable', 'stream tickets cannot be issued right now', {
      retryAfterSeconds: 1,
    });
  }
}

/** Stored under a hash: the store (Redis) never holds a ticket anyone could still use. */
const keyOf = (ticket: string) => `stream-ticket:${createHash('sha256').update(ticket).digest('base64url')}`;

/**
 * Single-use, short-lived tickets that open an agent's screen-pop stream: a browser's EventSource cannot send
 * an Authorization header, and a bearer token in a URL would be written to proxy logs and browser history
 * (docs/security.md). Kept in the service's cache store, so with Redis any instance redeems a ticket another
 * issued, and `take` hands one ticket to one stream only.
 */
@Injectable()
export class StreamTicketService {
  constructor(
    @Inject(CACHE_STORE) private readonly store: CacheStore,
    @Inject(CALLCENTER_CONFIG) private readonly config: CallcenterConfig,
  ) {}

  /** A ticket for the agent, living the configured seconds, never past the token that asked for it. */
  async issue(agentId: string, tokenExpiresAt: Date): Promise<StreamTicket> {
    const lifetimeMs = Math.min(
      this.config.CALLCENTER_STREAM_TICKET_SECONDS * 1000,
      tokenExpiresAt.getTime() - Date.now(),
    );
    const ticket = randomBytes(32).toString('base64url');
    const holder: StreamTicketHolder = { agentId, tokenExpiresAt: tokenExpiresAt.toISOString() };
    if (lifetimeMs <= 0 || !(await this.store.set(keyOf(ticket), holder, lifetimeMs / 1000)))
      throw new StreamTicketsUnavailableError();
    return { ticket, expiresAt: new Date(Date.now() + lifetimeMs).toISOString() };
  }

  /** The holder of a live, unused ticket (and the ticket is used up); undefined for any other string. */
  async redeem(ticket: string): Promise<StreamTicketHolder | undefined> {
    const holder = await this.store.take<StreamTicketHolder>(keyOf(ticket));
    if (!holder || Date.parse(holder.tokenExpiresAt) <= Date.now()) return undefined;
    return holder;
  }
}
