import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import { backoffDelayMs, InterruptibleSleep } from '../backoff';
import { describeError } from '../dispatch/dead-letter';
import type { EventDispatcher } from '../dispatch/event-dispatcher';
import { invokeEventHandler } from '../dispatch/invoke-event-handler';
import { EmbeddedEventContext } from './embedded-event.context';
import type { EventLogStore } from './event-log.store';

export interface EmbeddedEventServerOptions {
  group: string;
  pollMs: number;
  batchSize: number;
  /** Opens (and migrates) the log; shared with the publisher side, so it runs once. */
  ready: () => Promise<void>;
}

export const EMBEDDED_EVENTS_TRANSPORT = Symbol.for('harvest.events.embedded');

/**
 * A Nest microservice server that polls the embedded event log and feeds the same @EventPattern handlers
 * the Kafka server does, through the same EventDispatcher (retries, then <topic>.dlq in the log).
 */
export class EmbeddedEventServer extends Server implements CustomTransportStrategy {
  override readonly transportId = EMBEDDED_EVENTS_TRANSPORT;
  protected override readonly logger = new Logger(EmbeddedEventServer.name);
  private readonly sleeper = new InterruptibleSleep();
  private loop: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly log: EventLogStore,
    private readonly dispatcher: EventDispatcher,
    private readonly options: EmbeddedEventServerOptions,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.options.ready();
    } catch (error) {
      return callback(error);
    }
    this.stopping = false;
    this.loop = this.run();
    callback();
  }

  async close(): Promise<void> {
    this.stopping = true;
    this.sleeper.interrupt();
    await this.loop;
    this.loop = undefined;
  }

  on(): never {
    throw new Error('EmbeddedEventServer has no events to listen to');
  }

  unwrap<T>(): T {
    return this.log as T;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let delay = this.options.pollMs;
      try {
        const busy = await this.pollOnce();
        failures = 0;
        if (busy) delay = 0;
      } catch (error) {
        failures++;
        delay = backoffDelayMs(failures, this.options.pollMs, 10_000);
        this.logger.warn(
          `event log poll failed (attempt ${failures}), retrying in ${delay} ms: ${describeError(error)}`,
        );
      }
      if (!this.stopping) await this.sleeper.sleep(delay);
    }
  }

  /** One pass over every subscribed topic; true when some topic filled a whole batch (more is waiting). */
  private async pollOnce(): Promise<boolean> {
    let busy = false;
    for (const [topic, handler] of this.messageHandlers) {
      if (this.stopping) break;
      const result = await this.log.consume(
        this.options.group,
        topic,
        this.options.batchSize,
        async ({ id, envelope }) => {
          const context = new EmbeddedEventContext([topic, id]);
          await this.dispatcher.dispatch({ topic, key: envelope.key, data: envelope }, () =>
            invokeEventHandler(handler, envelope, context),
          );
        },
      );
      if (result.claimed && result.consumed >= this.options.batchSize) busy = true;
    }
    return busy;
  }
}
