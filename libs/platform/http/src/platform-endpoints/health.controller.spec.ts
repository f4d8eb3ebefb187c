import { HealthRegistry } from '@harvest/platform/health';
import { createTestApp, fakeDependencies, type TestApp } from '../testing/http-test-app';

describe('health endpoints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.app.close());
  afterEach(() => {
    fakeDependencies.database!.outcome = 'up';
    fakeDependencies.cache!.outcome = 'up';
  });

  const ready = () => t.app.inject({ method: 'GET', url: '/health/ready' });

  it('answers liveness with 200 while the process runs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('is ready with 200 when every dependency is up, naming each', async () => {
    const res = await ready();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      degraded: false,
      degradedDependencies: [],
      dependencies: {
        database: { status: 'up', critical: true, host: 'database.local' },
        cache: { status: 'up', critical: false, host: 'cache.local' },
      },
    });
  });

  it('is not ready (503) when a critical dependency is down, and names it', async () => {
    fakeDependencies.database!.outcome = 'down';
    const res = await ready();
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject({
      status: 'error',
      dependencies: {
        database: { status: 'down', critical: true },
        cache: { status: 'up', critical: false },
      },
    });
  });

  it('reports a critical check that throws as down with its message', async () => {
    fakeDependencies.database!.outcome = 'throws';
    const res = await ready();
    expect(res.statusCode).toBe(503);
    expect(res.json().dependencies.database).toEqual({
      status: 'down',
      critical: true,
      error: 'database refused the connection',
    });
  });

  it('stays ready (200) but degraded when a non-critical dependency is down', async () => {
    fakeDependencies.cache!.outcome = 'down';
    const res = await ready();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      degraded: true,
      degradedDependencies: ['cache'],
      dependencies: { database: { status: 'up' }, cache: { status: 'down', critical: false } },
    });
  });

  // Last in this block: it registers one more dependency for the rest of the app's life.
  it('reports an adapter whose detail has its own "status" as up, keeping that value as "state"', async () => {
    t.app.get(HealthRegistry).register({
      name: 'redis-like',
      critical: false,
      check: async () => ({ up: true, detail: { status: 'ready', server: '127.0.0.1:6390' } }),
    });
    const res = await ready();
    expect(res.statusCode).toBe(200);
    expect(res.json().dependencies['redis-like']).toEqual({
      status: 'up',
      critical: false,
      state: 'ready',
      server: '127.0.0.1:6390',
    });
    expect(res.json().degraded).toBe(false);
  });
});

describe('health check timeout', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.app.close());
  afterEach(() => {
    fakeDependencies.database!.outcome = 'up';
  });

  it('marks a dependency that never answers as down instead of hanging the probe', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      fakeDependencies.database!.outcome = 'hangs';
      const pending = t.app.inject({ method: 'GET', url: '/health/ready' });
      await jest.advanceTimersByTimeAsync(2_001);
      const res = await pending;
      expect(res.statusCode).toBe(503);
      expect(res.json().dependencies.database).toEqual({
        status: 'down',
        critical: true,
        error: 'database did not answer within 2000 ms',
      });
    } finally {
      jest.useRealTimers();
    }
  });
});
