import { loadConfig } from '@harvest/platform/config';
import { eventsConfigShape } from './events.config';

describe('eventsConfigShape', () => {
  it('defaults to the embedded transport with the shared harvest_events schema', () => {
    expect(loadConfig(eventsConfigShape, {})).toMatchObject({
      EVENTS_TRANSPORT: 'embedded',
      EVENTS_DB_NAME: 'harvest_events',
      EVENTS_MAX_ATTEMPTS: 5,
      KAFKA_BROKERS: [{ host: '127.0.0.1', port: 9092 }],
    });
  });

  it('reads Kafka settings and names bad variables', () => {
    const config = loadConfig(eventsConfigShape, {
      EVENTS_TRANSPORT: 'kafka',
      KAFKA_BROKERS: 'k1:9092,k2:9093',
    });
    expect(config.KAFKA_BROKERS).toEqual([
      { host: 'k1', port: 9092 },
      { host: 'k2', port: 9093 },
    ]);
    expect(() => loadConfig(eventsConfigShape, { EVENTS_TRANSPORT: 'rabbit' })).toThrow(/EVENTS_TRANSPORT/);
    expect(() => loadConfig(eventsConfigShape, { EVENTS_DB_NAME: 'x`; DROP' })).toThrow(/EVENTS_DB_NAME/);
    expect(() => loadConfig(eventsConfigShape, { EVENTS_MAX_ATTEMPTS: '0' })).toThrow(/EVENTS_MAX_ATTEMPTS/);
  });

  it('defaults retention to 72 h for published outbox rows, 14 days for the inbox, hourly sweeps of 1000', () => {
    expect(loadConfig(eventsConfigShape, {})).toMatchObject({
      EVENTS_OUTBOX_RETENTION_HOURS: 72,
      EVENTS_INBOX_RETENTION_DAYS: 14,
      EVENTS_RETENTION_SWEEP_MS: 3_600_000,
      EVENTS_RETENTION_BATCH_SIZE: 1000,
    });
  });

  it('refuses inbox retention below 8 days: Kafka redelivers for 7, so the dedupe record must outlive that', () => {
    expect(
      loadConfig(eventsConfigShape, { EVENTS_INBOX_RETENTION_DAYS: '8' }).EVENTS_INBOX_RETENTION_DAYS,
    ).toBe(8);
    expect(() => loadConfig(eventsConfigShape, { EVENTS_INBOX_RETENTION_DAYS: '7' })).toThrow(
      /EVENTS_INBOX_RETENTION_DAYS/,
    );
    expect(() => loadConfig(eventsConfigShape, { EVENTS_INBOX_RETENTION_DAYS: '0' })).toThrow(
      /EVENTS_INBOX_RETENTION_DAYS/,
    );
  });

  it('accepts a sweep interval of 0 (off) and refuses a batch of 0 or outbox retention of 0 hours', () => {
    expect(loadConfig(eventsConfigShape, { EVENTS_RETENTION_SWEEP_MS: '0' }).EVENTS_RETENTION_SWEEP_MS).toBe(
      0,
    );
    expect(() => loadConfig(eventsConfigShape, { EVENTS_RETENTION_SWEEP_MS: '-1' })).toThrow(
      /EVENTS_RETENTION_SWEEP_MS/,
    );
    expect(() => loadConfig(eventsConfigShape, { EVENTS_RETENTION_BATCH_SIZE: '0' })).toThrow(
      /EVENTS_RETENTION_BATCH_SIZE/,
    );
    expect(() => loadConfig(eventsConfigShape, { EVENTS_OUTBOX_RETENTION_HOURS: '0' })).toThrow(
      /EVENTS_OUTBOX_RETENTION_HOURS/,
    );
  });
});
