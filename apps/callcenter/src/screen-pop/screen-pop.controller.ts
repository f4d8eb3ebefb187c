import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import {
  CurrentPrincipal,
  ProblemException,
  ProblemResponses,
  Public,
  Roles,
  bearerTokenExpiry,
  problemType,
  type Principal,
} from '@harvest/platform/http';
import { Controller, Get, Headers, type MessageEvent, Post, Query, Req, Sse } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { ScreenPopListView, ScreenPopView, StreamTicketView } from './dto/screen-pop-views.dto';
import { ScreenPopQueryDto } from './screen-pop-query.dto';
import { ScreenPopStreamQueryDto } from './screen-pop-stream-query.dto';
import { ScreenPopHub } from './screen-pop-hub';
import { ScreenPopService } from './screen-pop.service';
import { StreamTicketService, type StreamTicket } from './stream-tickets.service';

/** Catches pops stored by other instances of this service, whose hub cannot wake this stream. */
const POLL_MS = 2000;
const HEARTBEAT_MS = 15_000;

/** An agent's console: a live stream of screen pops (SSE) and the same pops for polling. */
@Controller('screen-pops')
@ApiExtraModels(ScreenPopView)
export class ScreenPopController {
  constructor(
    private readonly pops: ScreenPopService,
    private readonly hub: ScreenPopHub,
    private readonly tickets: StreamTicketService,
  ) {}

  /** Polling: the agent's pops after the given pop id; without one, their latest pops. */
  @Get()
  @Roles('agent')
  @ApiOkResponse({ type: ScreenPopListView })
  async list(@CurrentPrincipal() agent: Principal, @Query() query: ScreenPopQueryDto) {
    return {
      pops: query.after
        ? await this.pops.after(agent.subject, query.after)
        : await this.pops.latest(agent.subject),
    };
  }

  /**
   * A single-use ticket that opens the stream once within CALLCENTER_STREAM_TICKET_SECONDS (30 s): the
   * console's EventSource cannot send the bearer token, which must not go into a URL either.
   */
  @Post('stream-tickets')
  @Roles('agent')
  @ApiCreatedResponse({ type: StreamTicketView })
  @ProblemResponses({ 503: ['stream-tickets-unavailable'] })
  async streamTicket(
    @CurrentPrincipal() agent: Principal,
    @Req() request: FastifyRequest,
  ): Promise<StreamTicket & { streamUrl: string }> {
    // The guard verified this request's token, so it has an expiry: the stream it opens ends there.
    const ticket = await this.tickets.issue(agent.subject, bearerTokenExpiry(request)!);
    return { ...ticket, streamUrl: `/screen-pops/stream?ticket=${ticket.ticket}` };
  }

  /**
   * Server-sent events, `event: screen-pop`, `id: <pop id>`, opened with `?ticket=` (the ticket is the
   * credential, used up on opening). Starts after `?after=`, else after the Last-Event-ID a reconnecting
   * EventSource sends, else with the next pop. When the token that asked for the ticket expires, a last
   * `event: stream-end` (`{ reason: 'token-expired' }`) is sent and the stream ends.
   */
  @Sse('stream')
  @Public()
  @ApiProduces('text/event-stream')
  @ProblemResponses({ 401: ['stream-ticket-refused'] })
  @ApiOkResponse({
    description:
      'Server-sent events, opened with a stream ticket (POST /screen-pops/stream-tickets): `event: screen-pop`, `id: <pop id>`, `data:` one screen pop as JSON (the ScreenPopView schema, as GET /screen-pops lists them); `event: heartbeat` (`data: {}`) every 15 s; a last `event: stream-end` (`data: {"reason":"token-expired","tokenExpiredAt":"<date-time>"}`) when the token that asked for the ticket expires. Every event\'s `id` is the last pop id, which a reconnecting EventSource sends back as Last-Event-ID.',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  async stream(
    @Query() query: ScreenPopStreamQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
  ): Promise<Observable<MessageEvent>> {
    const holder = query.ticket ? await this.tickets.redeem(query.ticket) : undefined;
    if (!holder)
      throw new ProblemException(401, {
        type: problemType('stream-ticket-refused'),
        detail: 'The stream needs a fresh ticket (POST /screen-pops/stream-tickets); each opens it once.',
      });
    const agentId = holder.agentId;
    const tokenExpiresAt = Date.parse(holder.tokenExpiresAt);
    return new Observable<MessageEvent>((subscriber) => {
      let cursor: string | null =
        query.after ?? (lastEventId && /^\d{1,20}$/.test(lastEventId) ? lastEventId : null);
      let draining = false;
      let again = false;
      const drain = async (): Promise<void> => {
        if (draining) {
          again = true;
          return;
        }
        draining = true;
        try {
          do {
            again = false;
            cursor ??= await this.pops.latestId(agentId);
            for (const pop of await this.pops.after(agentId, cursor)) {
              subscriber.next({ id: pop.popId, type: 'screen-pop', data: pop });
              cursor = pop.popId;
            }
          } while (again && !subscriber.closed);
        } catch {
          // A database blip: the next poll tries again; the stream stays open.
        } finally {
          draining = false;
        }
      };
      const unsubscribe = this.hub.subscribe(agentId, () => void drain());
      const poll = setInterval(() => void drain(), POLL_MS);
      // Nest numbers an event without an id itself (1, 2, ...), which EventSource would keep as its
      // Last-Event-ID and a reconnect would resume after pop 2. Every event carries the last pop id instead.
      const lastPopId = () => cursor ?? '';
      const heartbeat = setInterval(
        () => subscriber.next({ id: lastPopId(), type: 'heartbeat', data: {} }),
        HEARTBEAT_MS,
      );
      // The stream lives no longer than the token behind it: the console signs in again and gets a new ticket.
      const expiry = setTimeout(
        () => {
          subscriber.next({
            id: lastPopId(),
            type: 'stream-end',
            data: { reason: 'token-expired', tokenExpiredAt: holder.tokenExpiresAt },
          });
          subscriber.complete();
        },
        Math.max(0, tokenExpiresAt - Date.now()),
      );
      void drain();
      return () => {
        unsubscribe();
        clearInterval(poll);
        clearInterval(heartbeat);
        clearTimeout(expiry);
      };
    });
  }
}
