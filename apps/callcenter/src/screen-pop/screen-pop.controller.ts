import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@harvest/platform/http';
import { Controller, Get, Headers, type MessageEvent, Query, Sse } from '@nestjs/common';
import { Observable } from 'rxjs';
import { ScreenPopQueryDto } from './screen-pop-query.dto';
import { ScreenPopHub } from './screen-pop-hub';
import { ScreenPopService } from './screen-pop.service';

/** Catches pops stored by other instances of this service, whose hub cannot wake this stream. */
const POLL_MS = 2000;
const HEARTBEAT_MS = 15_000;

/** An agent's console: a live stream of screen pops (SSE) and the same pops for polling. */
@Controller('screen-pops')
export class ScreenPopController {
  constructor(
    private readonly pops: ScreenPopService,
    private readonly hub: ScreenPopHub,
  ) {}

  /** Polling: the agent's pops after the given pop id; without one, their latest pops. */
  @Get()
  @Roles('agent')
  async list(@CurrentPrincipal() agent: Principal, @Query() query: ScreenPopQueryDto) {
    return {
      pops: query.after
        ? await this.pops.after(agent.subject, query.after)
        : await this.pops.latest(agent.subject),
    };
  }

  /**
   * Server-sent events, `event: screen-pop`, `id: <pop id>`. Starts after `?after=`, else after the
   * Last-Event-ID a reconnecting EventSource sends, else with the next pop.
   */
  @Sse('stream')
  @Roles('agent')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'Server-sent events: `event: screen-pop`, `id: <pop id>`, `data:` one screen pop as JSON (as GET /screen-pops lists them).',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  stream(
    @CurrentPrincipal() agent: Principal,
    @Query() query: ScreenPopQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
  ): Observable<MessageEvent> {
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
            cursor ??= await this.pops.latestId(agent.subject);
            for (const pop of await this.pops.after(agent.subject, cursor)) {
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
      const unsubscribe = this.hub.subscribe(agent.subject, () => void drain());
      const poll = setInterval(() => void drain(), POLL_MS);
      const heartbeat = setInterval(() => subscriber.next({ type: 'heartbeat', data: {} }), HEARTBEAT_MS);
      void drain();
      return () => {
        unsubscribe();
        clearInterval(poll);
        clearInterval(heartbeat);
      };
    });
  }
}
