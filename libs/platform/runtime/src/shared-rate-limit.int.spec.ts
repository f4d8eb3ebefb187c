// Here, where the runtime gives the http library's rate limits the service's Redis: instances of one service
// count one budget there, and an unreachable Redis lets requests through instead of refusing them all.
import { Controller, Get, Module, Post } from '@nestjs/common';
import type { HttpApp } from '@harvest/platform/http';
import { serviceTestEnvironment, type ServiceTestEnvironment } from '@harvest/testing';
import { createService, type ServiceDefinition } from './run-service';

// Every instance in this file accepts tokens for one made-up API, whatever its (unique) service name.
const AUDIENCE = 'rate-limited-notes';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

@Controller('notes')
class NotesController {
  @Post()
  write(): object {
    return { written: true };
  }

  @Get()
  read(): object {
    return { notes: [] };
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

describe('rate limits across instances of one service', () => {
  let environment: ServiceTestEnvironment;
  const apps: HttpApp[] = [];
  beforeAll(async () => {
    environment = await serviceTestEnvironment('ratelimit');
  });
  afterEach(async () => {
    for (const built of apps.splice(0)) await built.app.close();
  });
  afterAll(() => environment.dropDatabases());

  /** Two instances of one service (same name: same schema, same counters), as two pods would be. */
  const twoInstances = async (name: string, env: Record<string, string>): Promise<[HttpApp, HttpApp]> => {
    const definition: ServiceDefinition = {
      name,
      port: 3999,
      schema: { entities: [], migrations: [] },
      uses: ['cache'],
      imports: [NotesModule],
    };
    const full = {
      ...environment.env,
      AUTH_AUDIENCE: AUDIENCE,
      DB_NAME: `${environment.prefix}${name}`,
      RATE_LIMIT_WRITE_MAX: '3',
      RATE_LIMIT_READ_MAX: '3',
      ...env,
    };
    for (let i = 0; i < 2; i++) apps.push(await createService(definition, full));
    return [apps[0]!, apps[1]!];
  };
  // A caller's budget follows its bearer token (one token per subject here, as a signed-in app holds).
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (subject: string) => {
    if (!tokens.has(subject))
      tokens.set(subject, environment.issuer.issue({ subject, roles: ['customer'] }, { audience: AUDIENCE }));
    return tokens.get(subject)!;
  };
  const write = async (built: HttpApp, subject = 'c-1') =>
    (
      await built.app.inject({
        method: 'POST',
        url: '/notes',
        headers: { authorization: `Bearer ${await tokenOf(subject)}` },
      })
    ).statusCode;

  it('shares one budget between two instances when the service has Redis', async () => {
    const [a, b] = await twoInstances(`rl_${environment.runId}_redis`, {
      CACHE_DRIVER: 'redis',
      REDIS_URL,
    });
    expect([await write(a), await write(b), await write(a)]).toEqual([201, 201, 201]);
    // The caller spent the budget across both: each instance now refuses it.
    expect(await write(b)).toBe(429);
    expect(await write(a)).toBe(429);
    expect(await write(b, 'c-2')).toBe(201);
  });

  it('counts reads per instance even with Redis (no Redis round trip on a read)', async () => {
    const [a, b] = await twoInstances(`rl_${environment.runId}_reads`, { CACHE_DRIVER: 'redis', REDIS_URL });
    const read = async (built: HttpApp) =>
      (
        await built.app.inject({
          method: 'GET',
          url: '/notes',
          headers: { authorization: `Bearer ${await tokenOf('c-3')}` },
        })
      ).statusCode;
    for (let i = 0; i < 3; i++) expect(await read(a)).toBe(200);
    expect(await read(a)).toBe(429);
    expect(await read(b)).toBe(200);
  });

  it('counts per instance without Redis', async () => {
    const [a, b] = await twoInstances(`rl_${environment.runId}_memory`, { CACHE_DRIVER: 'memory' });
    for (let i = 0; i < 3; i++) expect(await write(a)).toBe(201);
    expect(await write(a)).toBe(429);
    expect(await write(b)).toBe(201);
  });

  it('lets requests through while the Redis holding the counters cannot be reached', async () => {
    const [a] = await twoInstances(`rl_${environment.runId}_down`, {
      CACHE_DRIVER: 'redis',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    for (let i = 0; i < 5; i++) expect(await write(a)).toBe(201);
  });
});
