import { eventsConsumed } from '../events.metrics';
import type { EventEnvelope } from '@harvest/contracts';
import { ackAll, decodedEnvelope } from '../testing/outgoing-events';
import { platformTestV1 } from '../testing/platform-test-event';
import { EventDispatcher } from './event-dispatcher';

describe('EventDispatcher', () => {
  const envelope = platformTestV1.create({ key: 'k1', payload: { seq: 1 } });
  const event = { topic: 'platform.test', key: 'k1', data: envelope };

  function setup(maxAttempts = 3) {
    const deadLetters: EventEnvelope[] = [];
    const sleeps: number[] = [];
    const dispatcher = new EventDispatcher(
      { publish: async (events) => (deadLetters.push(...events.map(decodedEnvelope)), ackAll(events)) },
      { maxAttempts, backoffMs: 100, backoffMaxMs: 150 },
      async (ms) => void sleeps.push(ms),
    );
    return { dispatcher, deadLetters, sleeps };
  }

  it('retries with capped backoff and succeeds without a dead letter', async () => {
    const { dispatcher, deadLetters, sleeps } = setup();
    let calls = 0;
    const outcome = await dispatcher.dispatch(event, async () => {
      if (++calls < 3) throw new Error('not yet');
    });
    expect(outcome).toBe('handled');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([100, 150]);
    expect(deadLetters).toEqual([]);
  });

  it('dead-letters after maxAttempts with the last error, same eventId and key', async () => {
    const { dispatcher, deadLetters } = setup(2);
    const consumed = async (outcome: string) =>
      (await eventsConsumed.get()).values.find(
        (v) => v.labels.topic === event.topic && v.labels.outcome === outcome,
      )?.value ?? 0;
    const [retriedBefore, deadBefore] = [await consumed('retried'), await consumed('dead_lettered')];
    const beforeRetry = jest.fn(async () => undefined);
    let calls = 0;
    const outcome = await dispatcher.dispatch(
      event,
      async () => {
        throw new Error(`boom ${++calls}`);
      },
      beforeRetry,
    );
    expect(outcome).toBe('dead-lettered');
    expect(calls).toBe(2);
    expect(await consumed('retried')).toBe(retriedBefore + 2);
    expect(await consumed('dead_lettered')).toBe(deadBefore + 1);
    expect(beforeRetry).toHaveBeenCalledTimes(1);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]).toMatchObject({
      eventId: envelope.eventId,
      key: 'k1',
      topic: 'platform.test.dlq',
      payload: envelope.payload,
      headers: { 'dlq-error': 'Error: boom 2', 'dlq-attempts': '2', 'dlq-original-topic': 'platform.test' },
    });
  });

  it('rejects when the dead letter cannot be published, so the transport redelivers', async () => {
    const dispatcher = new EventDispatcher(
      {
        publish: async () => {
          throw new Error('dlq down');
        },
      },
      { maxAttempts: 1, backoffMs: 0, backoffMaxMs: 0 },
    );
    await expect(dispatcher.dispatch(event, async () => Promise.reject(new Error('x')))).rejects.toThrow(
      'dlq down',
    );
  });

  it('wraps a message that is not an envelope instead of losing it', async () => {
    const { dispatcher, deadLetters } = setup(1);
    await dispatcher.dispatch({ topic: 't', key: null, data: 'garbage' }, async () =>
      Promise.reject({ status: 'error', message: 'Internal server error' }),
    );
    expect(deadLetters[0]).toMatchObject({
      topic: 't.dlq',
      key: 'unknown',
      type: 'unknown',
      payload: 'garbage',
    });
    expect(deadLetters[0]!.headers['dlq-error']).toContain('Internal server error');
  });
});
