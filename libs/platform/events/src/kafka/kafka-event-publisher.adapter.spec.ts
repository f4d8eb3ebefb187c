import { platformTestV1 } from '@harvest/contracts/platform-test';
import { outgoingEvent } from '../outgoing-event';
import { topicMessagesFor } from './kafka-event-publisher.adapter';

describe('topicMessagesFor', () => {
  it('keys messages by event key, carries envelope headers, and keeps order within each topic', () => {
    const a = platformTestV1.withTopic('a');
    const b = platformTestV1.withTopic('b');
    const envelopes = [
      a.create({ key: 'k1', payload: { seq: 1 }, headers: { traceparent: 'tp' } }),
      b.create({ key: 'k2', payload: { seq: 2 } }),
      a.create({ key: 'k1', payload: { seq: 3 } }),
    ];
    const batches = topicMessagesFor(envelopes.map(outgoingEvent));
    expect(batches.map((t) => t.topic)).toEqual(['a', 'b']);
    expect(batches[0]!.messages.map((m) => JSON.parse(String(m.value)).payload.seq)).toEqual([1, 3]);
    expect(batches[0]!.messages[0]).toMatchObject({
      key: 'k1',
      headers: { traceparent: 'tp', 'event-id': envelopes[0]!.eventId, 'event-type': 'platform.test', 'event-version': '1' },
    });
    expect(JSON.parse(String(batches[0]!.messages[0]!.value))).toEqual(envelopes[0]);
  });
});
