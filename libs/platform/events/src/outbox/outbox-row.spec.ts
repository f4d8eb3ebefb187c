import { platformTestV1 } from '@harvest/contracts/platform-test';
import { envelopeToRowValues, EVENT_ROW_COLUMNS, type EventRow, rowToEnvelope } from './outbox-row';

describe('outbox row mapping', () => {
  it('round-trips an envelope through row values', () => {
    const envelope = platformTestV1.create({ key: 'k', payload: { seq: 7, note: 'x' }, headers: { traceparent: 'tp' } });
    const values = envelopeToRowValues(envelope);
    const row = Object.fromEntries(EVENT_ROW_COLUMNS.split(', ').map((c, i) => [c, values[i]])) as unknown as EventRow;
    row.occurred_at = `${row.occurred_at}000`; // DATE_FORMAT's %f gives microseconds
    expect(rowToEnvelope({ ...row, id: 1 })).toEqual(envelope);
  });
});
