import { Controller, Get, Header, Module, Param, UseGuards, type Type } from '@nestjs/common';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { DomainError, registerDomainErrorTranslator } from '@harvest/platform/errors';
import { Public } from '../auth/public.decorator';
import { createHttpApp, type HttpApp } from '../bootstrap/create-http-app';
import { ProblemException } from '../problem/problem.exception';
import { logLinesSink } from '../testing/http-test-app';
import { DirectGet, type DirectRouteParams } from './direct-get.decorator';
import { joinPaths } from './direct-routes';

// No token is ever verified here (direct routes are public): an issuer that is never asked.
const JWT = { AUTH_ISSUER_URL: 'http://127.0.0.1:9/realms/none', AUTH_AUDIENCE: 'a' };

class StoreDown extends Error {}
registerDomainErrorTranslator((error) =>
  error instanceof StoreDown
    ? new DomainError('unavailable', 'store-down', 'Store down.', { retryAfterSeconds: 2 })
    : undefined,
);

/** The same read as a Nest route and as a direct route, so their answers can be compared. */
async function read(id: string): Promise<string> {
  await new Promise((resolve) => setImmediate(resolve));
  if (id === 'missing')
    throw new ProblemException(404, { type: 'urn:test:missing', detail: `No item ${id}.` });
  if (id === 'down') throw new StoreDown('store down');
  if (id === 'bug') throw new Error('secret internals');
  return JSON.stringify({ id, name: '苹果' });
}

@Controller('items')
class ItemsController {
  calls = 0;

  @Public()
  @Get('nest/:id')
  @Header('content-type', 'application/json; charset=utf-8')
  viaNest(@Param('id') id: string): Promise<string> {
    return read(id);
  }

  @Public()
  @DirectGet('direct/:id')
  viaDirect(params: DirectRouteParams): Promise<string> {
    this.calls++;
    return read(params.id!);
  }
}

@Module({ controllers: [ItemsController] })
class ItemsModule {}

const spans = new InMemorySpanExporter();

async function build(module: Type): Promise<HttpApp & { logLines: Array<Record<string, unknown>> }> {
  const { sink, logLines } = logLinesSink();
  const built = await createHttpApp(module, {
    serviceName: 'direct-routes-test',
    env: { ...JWT, LOG_LEVEL: 'info' },
    logDestination: sink,
    spanProcessors: [new SimpleSpanProcessor(spans)],
  });
  return { ...built, logLines };
}

describe('direct routes (@DirectGet)', () => {
  let t: Awaited<ReturnType<typeof build>>;

  beforeAll(async () => {
    t = await build(ItemsModule);
  });
  afterAll(() => t.app.close());

  /** Both routes' answers with what differs per request (ids, trace, path, timing) taken out. */
  const both = async (id: string, headers: Record<string, string> = {}) => {
    const [nest, direct] = await Promise.all(
      ['nest', 'direct'].map((how) =>
        t.app.inject({
          method: 'GET',
          url: `/items/${how}/${id}`,
          headers: { ...headers, 'x-request-id': `${how}-${id}` },
        }),
      ),
    );
    const comparable = (res: typeof nest) => {
      const { traceparent, 'x-request-id': requestId, date, ...rest } = res!.headers;
      expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(requestId).toBeDefined();
      expect(date).toBeDefined();
      let body: unknown = res!.body;
      if (String(rest['content-type']).startsWith('application/problem+json')) {
        const { instance, requestId: bodyRequestId, traceId, ...problem } = res!.json();
        expect(bodyRequestId).toBe(requestId);
        expect(traceId).toBe(String(traceparent).split('-')[1]);
        expect(instance).toBe(res!.raw.req.url);
        body = problem;
        delete rest['content-length'];
      }
      return { status: res!.statusCode, headers: rest, body };
    };
    return { nest: comparable(nest), direct: comparable(direct) };
  };

  it('answers a read with the same status, headers and bytes as the Nest route', async () => {
    const { nest, direct } = await both('a-1');
    expect(direct).toEqual(nest);
    expect(direct).toMatchObject({
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"id":"a-1","name":"苹果"}',
    });
  });

  it('answers problems like the Nest route: a ProblemException, a mapped 503 with its headers, an unexpected 500', async () => {
    for (const id of ['missing', 'down', 'bug']) {
      const { nest, direct } = await both(id);
      expect(direct).toEqual(nest);
    }
    expect((await both('missing')).direct).toMatchObject({ status: 404, body: { type: 'urn:test:missing' } });
    expect((await both('down')).direct).toMatchObject({ status: 503, headers: { 'retry-after': '2' } });
    const bug = (await both('bug')).direct;
    expect(bug).toMatchObject({ status: 500, body: { type: 'urn:harvest:problem:unexpected-error' } });
    expect(JSON.stringify(bug)).not.toContain('secret internals');
    const logged = t.logLines.filter((l) => l.msg === 'unexpected error while handling request');
    expect(logged.map((l) => l.path).sort()).toEqual(
      ['/items/direct/bug', '/items/nest/bug', '/items/direct/bug', '/items/nest/bug'].sort(),
    );
  });

  it('ignores a bearer token, good or bad, as any public route does', async () => {
    const { nest, direct } = await both('a-2', { authorization: 'Bearer not-a-token' });
    expect(direct).toEqual(nest);
    expect(direct.status).toBe(200);
  });

  it('sends an empty parameter to the not-found handler, as Nest does for its routes', async () => {
    const [nest, direct] = await Promise.all(
      ['nest', 'direct'].map((how) => t.app.inject({ method: 'GET', url: `/items/${how}/` })),
    );
    expect(direct!.statusCode).toBe(404);
    expect(nest!.statusCode).toBe(404);
    expect(direct!.headers['content-type']).toBe(nest!.headers['content-type']);
    expect(direct!.json()).toMatchObject({
      type: 'about:blank',
      status: 404,
      detail: 'Cannot GET /items/direct/',
    });
    expect(nest!.json()).toMatchObject({
      type: 'about:blank',
      status: 404,
      detail: 'Cannot GET /items/nest/',
    });
  });

  it('answers a malformed escape (400) and an over-long parameter (414) as problems, on every route', async () => {
    for (const how of ['nest', 'direct']) {
      const bad = await t.app.inject({
        method: 'GET',
        url: `/items/${how}/%E0%A4%A`,
        headers: { 'x-request-id': 'bad-1' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(bad.headers['x-request-id']).toBe('bad-1');
      expect(bad.json()).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: `'/items/${how}/%E0%A4%A' is not a valid url component`,
        instance: `/items/${how}/%E0%A4%A`,
        requestId: 'bad-1',
      });
      const long = await t.app.inject({ method: 'GET', url: `/items/${how}/${'x'.repeat(101)}` });
      expect(long.statusCode).toBe(414);
      expect(long.json()).toMatchObject({ type: 'about:blank', title: 'URI Too Long', status: 414 });
    }
  });

  it('records the span, metrics and access line under the route pattern', async () => {
    spans.reset();
    await t.app.inject({ method: 'GET', url: '/items/direct/a-3', headers: { 'x-request-id': 'access-1' } });
    expect(spans.getFinishedSpans().map((s) => s.name)).toEqual(['GET /items/direct/:id']);
    expect(
      t.logLines.find((l) => l.msg === 'request completed' && l.request_id === 'access-1'),
    ).toMatchObject({
      route: '/items/direct/:id',
      status: 200,
    });
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(
      /http_server_request_duration_seconds_count\{method="GET",route="\/items\/direct\/:id",status_code="200"\} [1-9]/,
    );
  });

  it('is not also a Nest route: no guard or pipe runs, the method gets the decoded parameters', async () => {
    const controller = t.app.get(ItemsController);
    const before = controller.calls;
    const res = await t.app.inject({ method: 'GET', url: '/items/direct/%E8%8B%B9%E6%9E%9C' });
    expect(res.json()).toEqual({ id: '苹果', name: '苹果' });
    expect(controller.calls).toBe(before + 1);
  });
});

describe('direct routes refuse to start when they would drop a check', () => {
  @Controller()
  class NotPublicController {
    @DirectGet('secret/:id')
    secret(params: DirectRouteParams): Promise<string> {
      return read(params.id!);
    }
  }
  @Module({ controllers: [NotPublicController] })
  class NotPublicModule {}

  @Controller()
  class GuardedController {
    @Public()
    @UseGuards(
      class {
        canActivate() {
          return false;
        }
      },
    )
    @DirectGet('guarded/:id')
    guarded(params: DirectRouteParams): Promise<string> {
      return read(params.id!);
    }
  }
  @Module({ controllers: [GuardedController] })
  class GuardedModule {}

  it('fails for a direct route that is not @Public()', async () => {
    await expect(build(NotPublicModule)).rejects.toThrow(
      "NotPublicController.secret (@DirectGet 'secret/:id'): a direct route skips the auth guard, so it must be @Public()",
    );
  });

  it('fails for a direct route with guards of its own', async () => {
    await expect(build(GuardedModule)).rejects.toThrow('a direct route runs no guards, but it has some');
  });

  it('joins the controller path and the route path like Nest', () => {
    expect(joinPaths(undefined, 'products/:id')).toBe('/products/:id');
    expect(joinPaths('/admin/', '/items/:id/')).toBe('/admin/items/:id');
    expect(joinPaths('', '')).toBe('/');
  });
});
