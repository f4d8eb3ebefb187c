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
    const config = loadConfig(eventsConfigShape, { EVENTS_TRANSPORT: 'kafka', KAFKA_BROKERS: 'k1:9092,k2:9093' });
    expect(config.KAFKA_BROKERS).toEqual([
      { host: 'k1', port: 9092 },
      { host: 'k2', port: 9093 },
    ]);
    expect(() => loadConfig(eventsConfigShape, { EVENTS_TRANSPORT: 'rabbit' })).toThrow(/EVENTS_TRANSPORT/);
    expect(() => loadConfig(eventsConfigShape, { EVENTS_DB_NAME: 'x`; DROP' })).toThrow(/EVENTS_DB_NAME/);
    expect(() => loadConfig(eventsConfigShape, { EVENTS_MAX_ATTEMPTS: '0' })).toThrow(/EVENTS_MAX_ATTEMPTS/);
  });
});
