import type { CallEvent } from './call-event';
import { factsOfEvent, mergeCallFacts, type CallFacts } from './call-state';

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 12, 0, s));
const event = (type: CallEvent['type'], second: number, over: Partial<CallEvent> = {}): CallEvent => ({
  eventId: `e-${type}`,
  type,
  occurredAt: at(second),
  callId: 'c1',
  direction: 'inbound',
  customerNumber: '+8613800138000',
  agentId: 'agent-1',
  durationSeconds: type === 'ended' ? 42 : null,
  ...over,
});
const apply = (events: CallEvent[]) =>
  events.reduce<CallFacts | null>((known, e) => mergeCallFacts(known, factsOfEvent(e)), null)!;

describe('call state merge', () => {
  const inOrder = [
    event('ringing', 0),
    event('answered', 5),
    event('ended', 47),
    event('recording_ready', 60),
  ];

  it('gives the same call whatever order the events arrive in', () => {
    const expected = apply(inOrder);
    expect(expected).toMatchObject({
      status: 'ended',
      startedAt: at(0),
      answeredAt: at(5),
      endedAt: at(47),
      durationSeconds: 42,
      hasRecording: true,
    });
    expect(apply([...inOrder].reverse())).toEqual(expected);
    expect(apply([inOrder[2]!, inOrder[0]!, inOrder[3]!, inOrder[1]!])).toEqual(expected);
  });

  it('never moves the status back and never erases known values', () => {
    const ended = apply([event('ended', 47)]);
    const afterLateRinging = mergeCallFacts(
      ended,
      factsOfEvent(event('ringing', 0, { customerNumber: null, agentId: null })),
    );
    expect(afterLateRinging).toMatchObject({
      status: 'ended',
      startedAt: at(0),
      customerNumber: '+8613800138000',
      agentId: 'agent-1',
      durationSeconds: 42,
    });
  });
});
