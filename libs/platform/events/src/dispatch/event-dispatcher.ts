import { isEventEnvelope } from '@harvest/contracts';
import { runWithTraceContext } from '@harvest/platform/observability';
import { Logger } from '@nestjs/common';
import { backoffDelayMs } from '../backoff';
import type { EventPublisher } from '../event-transport';
import { eventsConsumed } from '../events.metrics';
import { outgoingEvent } from '../outgoing-event';
import { requireAllAcknowledged } from '../publish-acks';
import { describeError, type IncomingEvent, toDeadLetter } from './dead-letter';

export interface RetryPolicy {
  maxAttempts: number;
  backoffMs: number;
  backoffMaxMs: number;
}

export type DispatchOutcome = 'handled' | 'dead-lettered';

/**
 * The delivery rules both transports share: try the handler up to maxAttempts times with backoff, in the
 * producer's trace context; then publish the event to <topic>.dlq and report it handled so consumption moves on.
 * Retrying in place (instead of re-queueing) keeps later events of the same key waiting behind it, so order holds.
 */
export class EventDispatcher {
  private readonly logger = new Logger(EventDispatcher.name);

  constructor(
    private readonly deadLetters: EventPublisher,
    private readonly policy: RetryPolicy,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /**
   * Rejects only when the dead letter itself could not be published; the transport then delivers the event
   * again rather than losing it.
   * @param beforeRetry e.g. a Kafka heartbeat, so a long retry does not cost the partition
   */
  async dispatch(
    event: IncomingEvent,
    handle: () => Promise<unknown>,
    beforeRetry?: () => Promise<void>,
  ): Promise<DispatchOutcome> {
    const traceCarrier = isEventEnvelope(event.data) ? event.data.headers : {};
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.policy.maxAttempts; attempt++) {
      if (attempt > 1) {
        await this.sleep(backoffDelayMs(attempt - 1, this.policy.backoffMs, this.policy.backoffMaxMs));
        await beforeRetry?.();
      }
      try {
        await runWithTraceContext(traceCarrier, handle);
        eventsConsumed.inc({ topic: event.topic, outcome: 'handled' });
        return 'handled';
      } catch (error) {
        lastError = error;
        eventsConsumed.inc({ topic: event.topic, outcome: 'retried' });
        this.logger.warn(
          `${event.topic} key=${event.key}: attempt ${attempt}/${this.policy.maxAttempts} failed: ${describeError(error)}`,
        );
      }
    }
    const deadLetter = [outgoingEvent(toDeadLetter(event, lastError, this.policy.maxAttempts))];
    requireAllAcknowledged(deadLetter, await this.deadLetters.publish(deadLetter));
    eventsConsumed.inc({ topic: event.topic, outcome: 'dead_lettered' });
    this.logger.error(
      `${event.topic} key=${event.key}: sent to dead-letter topic after ${this.policy.maxAttempts} attempts`,
    );
    return 'dead-lettered';
  }
}
