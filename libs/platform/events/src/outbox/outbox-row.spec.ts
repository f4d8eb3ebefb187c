import { envelopeJson, outgoingEvent } from '../outgoing-event';
import { platformTestV1 } from '../testing/platform-test-event';
import {
  envelopeToRowValues,
  EVENT_ROW_COLUMNS,
  type EventRow,
  rowToEnvelope,
  rowToOutgoingEvent,
} from './outbox-row';

/** The row the relay reads back for an envelope's row values (DATE_FORMAT's %f gives microseconds). */
function storedRow(values: unknown[]): EventRow {
  const row = Object.fromEntries(
    EVENT_ROW_COLUMNS.split(', ').map((c, i) => [c, values[i]]),
  ) as unknown as EventRow;
  return { ...row, id: 1, occurred_at: `${row.occurred_at}000` };
}

describe('outbox row mapping', () => {
  const envelope = platformTestV1.create({
    key: 'clé-🔑 "quoted" \\ \n',
    payload: {
      seq: 7,
      note: 'Grüße, 東京, emoji 🍐, quote " backslash \\ tab \t nul \u0000 line sep \u2028',
    },
    headers: {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      tracestate: 'vendor=ünï',
    },
  });

  it('round-trips an envelope through row values', () => {
    expect(rowToEnvelope(storedRow(envelopeToRowValues(envelope)))).toEqual(envelope);
  });

  it('publishes from a row the very bytes JSON.stringify gives for the envelope, without parsing the payload', () => {
    const row = storedRow(envelopeToRowValues(envelope));
    const event = rowToOutgoingEvent(row);
    expect(event.payloadJson).toBe(row.payload); // the stored text, passed through
    expect(envelopeJson(event)).toBe(JSON.stringify(envelope));
    expect(envelopeJson(event)).toBe(JSON.stringify(rowToEnvelope(row)));
    expect(JSON.parse(envelopeJson(event))).toEqual(envelope);
    expect(event.headers).toEqual(envelope.headers);
    expect(envelopeJson(outgoingEvent(envelope))).toBe(JSON.stringify(envelope));
  });

  it('turns microseconds into the ISO instant toISOString gives (truncated to milliseconds, UTC)', () => {
    const values = envelopeToRowValues(envelope);
    for (const occurredAt of [
      '2026-11-24 01:02:03.456789',
      '1999-12-31 23:59:59.999999',
      '2026-01-01 00:00:00.000000',
    ]) {
      const row = { ...storedRow(values), occurred_at: occurredAt };
      const iso = new Date(occurredAt.replace(' ', 'T') + 'Z').toISOString();
      expect(rowToOutgoingEvent(row).occurredAt).toBe(iso);
      expect(JSON.parse(envelopeJson(rowToOutgoingEvent(row))).occurredAt).toBe(iso);
    }
  });

  it('embeds stored JSON written with other spacing as an equal document', () => {
    const row = {
      ...storedRow(envelopeToRowValues(envelope)),
      payload: '{ "seq" : 7,\n "note": "\\u00fc" }',
      headers: '{ "a": "b" }',
    };
    expect(JSON.parse(envelopeJson(rowToOutgoingEvent(row)))).toEqual({
      ...envelope,
      payload: { seq: 7, note: 'ü' },
      headers: { a: 'b' },
    });
  });
});
