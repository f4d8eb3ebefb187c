import { reconnectDelayMs, reconnectOnReadonly, redisClientOptions } from './redis-client.factory';

describe('redis client options', () => {
  it('reconnects and resends on READONLY only', () => {
    expect(reconnectOnReadonly(new Error("READONLY You can't write against a read only replica."))).toBe(2);
    expect(
      reconnectOnReadonly(new Error('WRONGTYPE Operation against a key holding the wrong kind of value')),
    ).toBe(false);
  });

  it('backs off quickly and caps the reconnect delay', () => {
    expect(reconnectDelayMs(1)).toBe(100);
    expect(reconnectDelayMs(50)).toBe(1_000);
  });

  it('turns on failover detection and bounded retries for Sentinel', () => {
    const options = redisClientOptions({
      sentinels: [{ host: '127.0.0.1', port: 26390 }],
      sentinelName: 'harvest',
    });
    expect(options).toMatchObject({
      name: 'harvest',
      failoverDetector: true,
      maxRetriesPerRequest: 2,
      commandTimeout: 1_000,
      connectTimeout: 2_000,
    });
    expect(options.reconnectOnError).toBe(reconnectOnReadonly);
  });

  it('leaves Sentinel options off a standalone client', () => {
    const options = redisClientOptions({ url: 'redis://127.0.0.1:6379' }, { commandTimeoutMs: 300 });
    expect(options).not.toHaveProperty('failoverDetector');
    expect(options.commandTimeout).toBe(300);
  });
});
