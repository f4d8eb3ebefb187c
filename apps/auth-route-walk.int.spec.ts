/**
 * Walks the route table of every service, in-process on the embedded default (real MariaDB), and sends each
 * authenticated route the tokens an attacker would try: without exp, expired, for another audience and from
 * another issuer, each signed with the issuer's published key and a role the route accepts, so only the token
 * policy can refuse it; and tokens no production path may accept whatever they claim: HS256 (keyed with the
 * bytes of the issuer's published public key, the classic algorithm confusion), `alg: none`, and a key the
 * issuer never published. Every agent-facing write also gets a made-up call. Every answer is a 4xx problem
 * and no table of the service gains or loses a row.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import type { ServiceDefinition } from '@harvest/platform/runtime';
import { createService } from '@harvest/platform/runtime';
import type { HttpApp, Role } from '@harvest/platform/http';
import { connectAsRoot, serviceTestEnvironment, withResponseCheck, type TestIssuer } from '@harvest/testing';
import { callcenterService } from './callcenter/src/callcenter.service-definition';
import { catalogService } from './catalog/src/catalog.service-definition';
import { fulfillmentService } from './fulfillment/src/fulfillment.service-definition';
import { identityService } from './identity/src/identity.service-definition';
import { imagesService } from './images/src/images.service-definition';
import { ordersService } from './orders/src/orders.service-definition';

const IS_PUBLIC = 'harvest:public';
const REQUIRED_ROLES = 'harvest:roles';

interface Route {
  method: string;
  path: string;
  roles: Role[];
}

const SERVICES: Array<[string, ServiceDefinition, Record<string, string>]> = [
  ['catalog', catalogService, {}],
  [
    'orders',
    ordersService,
    { PAYMENT_CALLBACK_SECRET: 'route-walk-payment-secret-0123456789', ORDERS_EXPIRY_SWEEP_MS: '0' },
  ],
  ['fulfillment', fulfillmentService, { FULFILLMENT_EXPIRY_SWEEP_MS: '0' }],
  [
    'callcenter',
    callcenterService,
    {
      CALLCENTER_WEBHOOK_SECRETS: 'route-walk-webhook-secret-0123456789',
      CALLCENTER_RECONCILE_INTERVAL_MS: '0',
      CALLCENTER_RETENTION_SWEEP_MS: '0',
      ORDERS_BASE_URL: '',
    },
  ],
  [
    'images',
    imagesService,
    { IMAGES_SIGNING_SECRET: 'route-walk-images-secret-0123', IMAGES_GC_INTERVAL_MS: '0' },
  ],
  [
    'identity',
    identityService,
    // No SMS goes out: every walked route refuses its token first.
    {
      IDENTITY_HASH_SECRET: 'route-walk-identity-hash-secret-0123456',
      SMS_ALIYUN_ACCESS_KEY_ID: 'route-walk',
      SMS_ALIYUN_ACCESS_KEY_SECRET: 'route-walk',
    },
  ],
];

const now = () => Math.floor(Date.now() / 1000);

type Walk = { issuer: TestIssuer; service: string };

/** A token for a role the route accepts that breaks one rule (or is signed in a way no service accepts). */
const BAD_TOKENS: Array<[string, (walk: Walk, role: Role) => Promise<string>]> = [
  ['without exp', (walk, role) => walk.issuer.sign(claimed(walk, role))],
  [
    'expired',
    (walk, role) =>
      walk.issuer.sign(
        claimed(walk, role)
          .setIssuedAt(now() - 120)
          .setExpirationTime(now() - 60),
      ),
  ],
  [
    'for another audience',
    (walk, role) => walk.issuer.sign(claimed(walk, role).setAudience('another-api').setExpirationTime('5m')),
  ],
  [
    'from another issuer',
    (walk, role) =>
      walk.issuer.sign(claimed(walk, role).setIssuer('https://another-issuer.test').setExpirationTime('5m')),
  ],
  [
    'signed with HS256 keyed with the published public key',
    async (walk, role) => {
      const published = (await walk.issuer.publicJwks())[0]!;
      return claimed(walk, role)
        .setProtectedHeader({ alg: 'HS256', kid: published.kid })
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(JSON.stringify(published)));
    },
  ],
  [
    'unsigned (alg none)',
    (walk, role) =>
      Promise.resolve(
        new UnsecuredJWT(claimsFor(role))
          .setSubject(`${role}-walk`)
          .setIssuer(walk.issuer.issuer)
          .setAudience(walk.service)
          .setIssuedAt()
          .setExpirationTime('5m')
          .encode(),
      ),
  ],
  [
    'signed by a key the issuer never published',
    async (walk, role) =>
      claimed(walk, role)
        .setProtectedHeader({ alg: 'ES256', kid: walk.issuer.currentKid })
        .setExpirationTime('5m')
        .sign((await generateKeyPair('ES256')).privateKey),
  ],
];

function claimsFor(role: Role): Record<string, unknown> {
  const service = role === 'service' ? { azp: 'callcenter' } : {};
  return { roles: [role], ...service, ...(role === 'scanner' ? { fulfillment_center_id: 'fc-walk' } : {}) };
}

/** The claims of a good token for the route's service; the caller breaks one rule and signs. */
function claimed(walk: Walk, role: Role): SignJWT {
  return new SignJWT(claimsFor(role))
    .setSubject(`${role}-walk`)
    .setIssuer(walk.issuer.issuer)
    .setAudience(walk.service)
    .setIssuedAt();
}

const goodToken = (walk: Walk, role: Role) => walk.issuer.sign(claimed(walk, role).setExpirationTime('5m'));

const MADE_UP_CALL = 'call-made-up-by-the-walk';

/**
 * Every write an agent may send, with a body valid in shape that names a call no one handles, and the problem
 * it must get. Orders takes no agent action at all (agents act through callcenter); callcenter finds no such
 * call. A new agent write route fails the walk until it is listed here.
 */
const AGENT_WRITES: Record<string, { body: object; type: string } | { noCall: string }> = {
  'POST /orders': {
    body: {
      customerId: 'cust-walk',
      slotId: randomUUID(),
      address: {
        zoneId: 'zone-walk',
        recipient: '王小明',
        phone: '+86 138 0000 0000',
        city: '北京',
        street: '建国路 1 号',
      },
      lines: [{ skuId: 'sku-walk', quantity: 1 }],
    },
    type: 'agents-act-through-call-center',
  },
  'POST /orders/:id/cancel': { body: {}, type: 'agents-act-through-call-center' },
  'POST /orders/:id/refunds': {
    body: { amountFen: 100, reason: 'goodwill' },
    type: 'agents-act-through-call-center',
  },
  'POST /agent-actions/orders': {
    body: { callId: MADE_UP_CALL, customerId: 'cust-walk', checkout: {} },
    type: 'not-found',
  },
  'POST /agent-actions/orders/:orderId/cancel': { body: { callId: MADE_UP_CALL }, type: 'not-found' },
  'POST /agent-actions/orders/:orderId/refunds': {
    body: { callId: MADE_UP_CALL, amountFen: 100, reason: 'goodwill' },
    type: 'not-found',
  },
  'POST /tickets': {
    body: { callId: MADE_UP_CALL, customerId: 'cust-walk', kind: 'other', description: 'walk' },
    type: 'not-found',
  },
  'POST /tickets/:id/resolve': { body: { callId: MADE_UP_CALL, resolution: 'no_action' }, type: 'not-found' },
  'POST /click-to-call': { noCall: 'starts a call, names none' },
  'POST /screen-pops/stream-tickets': { noCall: 'a ticket for the agent’s own stream, about no call' },
  'POST /fulfillment-centers/:centerId/devices': {
    noCall: "a supervisor enrolls a scanner: not a call's action",
  },
  'POST /fulfillment-centers/:centerId/devices/:deviceId/disable': {
    noCall: "a supervisor disables a scanner: not a call's action",
  },
  // Warehouse supervisors and QA are agents of their center (issue 22): stock work, not a call's action.
  'POST /stock-adjustments': { noCall: 'a supervisor adjusts stock with a reason: not a call’s action' },
  'POST /stock-moves': { noCall: 'a supervisor moves stock between bins: not a call’s action' },
  'POST /cycle-counts': { noCall: 'a supervisor counts a bin: not a call’s action' },
  'POST /cycle-counts/:countId/approve': { noCall: 'a supervisor approves a count: not a call’s action' },
  'POST /cycle-counts/:countId/reject': { noCall: 'a supervisor rejects a count: not a call’s action' },
  'POST /qa-cases/:caseId/lots/:lotId/decision': { noCall: 'QA decides on a held lot: not a call’s action' },
};

/** The app's routes as Nest registered them on Fastify, with the roles each accepts; @Public() ones left out. */
function authenticatedRoutes(app: INestApplication): Route[] {
  const reflector = app.get(Reflector);
  const scanner = app.get(MetadataScanner);
  const server = app.getHttpAdapter().getInstance() as FastifyInstance;
  const routes: Route[] = [];
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!controller) continue;
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, (...args: unknown[]) => unknown>)[name]!;
      const verb = reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler);
      const own = reflector.get<string | string[] | undefined>(PATH_METADATA, handler);
      if (verb === undefined || own === undefined) continue;
      if (reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller])) continue;
      const base = reflector.get<string | string[] | undefined>(PATH_METADATA, controller) ?? '';
      const method = RequestMethod[verb as number]!;
      const roles =
        reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [handler, controller]) ?? [];
      for (const prefix of [base].flat())
        for (const path of [own].flat()) {
          const url = `/${[prefix, path]
            .map((p) => p.replace(/^\/+|\/+$/g, ''))
            .filter(Boolean)
            .join('/')}`;
          expect({
            route: `${method} ${url}`,
            registered: server.hasRoute({ method: method as 'GET', url }),
          }).toEqual({ route: `${method} ${url}`, registered: true });
          routes.push({ method, path: url, roles });
        }
    }
  }
  return routes;
}

/**
 * Row counts of every table of the service's schemas: a refused request adds, moves or removes none. The
 * embedded event log's consumer offsets are left out: its consumers record theirs as they start, whatever
 * requests come.
 */
async function rowCounts(schemas: string[]): Promise<Record<string, number>> {
  const root = await connectAsRoot();
  try {
    const [tables] = await root.query(
      "SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema IN (?) AND table_name <> 'event_consumer_offset'",
      [schemas],
    );
    const counts: Record<string, number> = {};
    for (const { s, t } of tables as Array<{ s: string; t: string }>) {
      const [[row]] = (await root.query(`SELECT COUNT(*) AS n FROM \`${s}\`.\`${t}\``)) as unknown as [
        [{ n: number }],
      ];
      counts[`${s}.${t}`] = Number(row.n);
    }
    return counts;
  } finally {
    await root.end();
  }
}

const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, () => randomUUID());

describe.each(SERVICES)('every authenticated route of %s', (service, definition, serviceEnv) => {
  let http: HttpApp;
  let schemas: string[];
  let drop: () => Promise<void>;
  let dir: string;
  let routes: Route[];
  let walk: Walk;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `harvest-walk-${service}-`));
    const test = await serviceTestEnvironment(service, {
      OBJECT_STORAGE_LOCAL_DIR: join(dir, 'objects'),
      IMAGES_TMP_DIR: join(dir, 'tmp'),
      ...serviceEnv,
    });
    drop = test.dropDatabases;
    walk = { issuer: test.issuer, service };
    schemas = [`${test.prefix}${service}`, `${test.prefix}events`];
    const env = { DB_NAME: schemas[0], EVENTS_DB_NAME: schemas[1], ...test.env };
    http = await createService(
      withResponseCheck({ ...definition, name: `walk_${service}_${test.runId}` }),
      env,
    );
    routes = authenticatedRoutes(http.app);
  });

  afterAll(async () => {
    await http?.app.close();
    await drop?.();
    await rm(dir, { recursive: true, force: true });
  });

  const send = (route: Route, token: string, body: object = {}, headers: Record<string, string> = {}) =>
    http.app.inject({
      method: route.method as 'GET',
      url: concrete(route.path),
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), ...headers },
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: body }),
    });

  it('refuses a token without exp, expired, for another audience, from another issuer, HS256, unsigned or signed by an unknown key: 401 problem, nothing written', async () => {
    expect(routes.length).toBeGreaterThan(0);
    process.stdout.write(`${service}: ${routes.length} authenticated routes walked\n`);
    const before = await rowCounts(schemas);
    const wrong: string[] = [];
    for (const route of routes) {
      const role = route.roles[0] ?? 'admin';
      for (const [defect, token] of BAD_TOKENS) {
        const response = await send(route, await token(walk, role));
        const problem = String(response.headers['content-type']).startsWith('application/problem+json');
        if (response.statusCode !== 401 || !problem)
          wrong.push(`${route.method} ${route.path} ${defect}: ${response.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await rowCounts(schemas)).toEqual(before);
  });

  it('refuses every agent write naming a made-up call: 4xx problem, nothing written', async () => {
    const agentWrites = routes.filter((r) => r.roles.includes('agent') && r.method !== 'GET');
    const before = await rowCounts(schemas);
    const wrong: string[] = [];
    for (const route of agentWrites) {
      const sample = AGENT_WRITES[`${route.method} ${route.path}`];
      if (!sample) {
        wrong.push(`${route.method} ${route.path}: not in AGENT_WRITES`);
        continue;
      }
      if ('noCall' in sample) continue;
      const response = await send(route, await goodToken(walk, 'agent'), sample.body, {
        'x-call-id': MADE_UP_CALL,
      });
      const type = (response.json() as { type?: string }).type;
      if (
        response.statusCode < 400 ||
        response.statusCode >= 500 ||
        type !== `urn:harvest:problem:${sample.type}`
      )
        wrong.push(`${route.method} ${route.path}: ${response.statusCode} ${type}`);
    }
    expect(wrong).toEqual([]);
    expect(await rowCounts(schemas)).toEqual(before);
  });
});
