import { callcenterService } from '../../apps/callcenter/src/callcenter.service-definition';
import { catalogService } from '../../apps/catalog/src/catalog.service-definition';
import { fulfillmentService } from '../../apps/fulfillment/src/fulfillment.service-definition';
import { identityService } from '../../apps/identity/src/identity.service-definition';
import { imagesService } from '../../apps/images/src/images.service-definition';
import { FakeSkylineVendor } from '@harvest/callcenter/testing';
import { FakeDeliveryCoverage } from '@harvest/identity/testing';
import { FakeIdentityAddresses, ORDERS_CLIENT_SECRET, registerOrdersClient } from '@harvest/orders/testing';
import { ordersService } from '../../apps/orders/src/orders.service-definition';
import { PAYMENT_CALLBACK_PATH } from '../../apps/orders/src/payments/payment-callback.controller';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signPaymentCallback,
} from '../../apps/orders/src/payments/domain/payment-signature';
import type { Env } from '@harvest/platform/config';
import { AliyunSmsTestServer } from '@harvest/platform/sms/testing';
import { AlipayTestServer, WechatPayTestServer } from '@harvest/platform/payments/testing';
import { paymentProvidersEnv } from '@harvest/orders/testing';
import { Database } from '@harvest/platform/database';
import type { HttpApp, Role } from '@harvest/platform/http';
import { createService, type ServiceDefinition } from '@harvest/platform/runtime';
import {
  fuzzRoute,
  fuzzSettingsFromEnv,
  fuzzedRoutes,
  serviceTestEnvironment,
  type IdsFor,
  type TestIssuer,
  type JsonWriteRoute,
  type SignFor,
  withResponseCheck,
} from '@harvest/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PAYMENT_SECRET = 'fuzz-payment-secret-0123456789abcdef';
/** The payment callback is signed by the provider, not bearer-authenticated: sign each body as it would. */
const signFor: SignFor = (route, payload): Record<string, string> => {
  if (route.path !== PAYMENT_CALLBACK_PATH) return {};
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: signPaymentCallback(PAYMENT_SECRET, timestamp, Buffer.from(payload)),
  };
};

const settings = fuzzSettingsFromEnv();

/** Each service with what it needs to start on its own in-process, on throwaway schemas. */
const services: Array<[string, ServiceDefinition, Env]> = [
  ['catalog', catalogService, {}],
  ['orders', ordersService, { PAYMENT_CALLBACK_SECRET: PAYMENT_SECRET, ORDERS_EXPIRY_SWEEP_MS: '0' }],
  ['fulfillment', fulfillmentService, { FULFILLMENT_EXPIRY_SWEEP_MS: '0' }],
  [
    'callcenter',
    callcenterService,
    {
      CALLCENTER_WEBHOOK_SECRETS: 'fuzz-webhook-secret-0123456789abcdef',
      CALLCENTER_RECONCILE_INTERVAL_MS: '0',
      CALLCENTER_RETENTION_SWEEP_MS: '0',
      ORDERS_BASE_URL: '',
    },
  ],
  [
    'images',
    imagesService,
    { IMAGES_SIGNING_SECRET: 'fuzz-images-signing-secret-0123', IMAGES_GC_INTERVAL_MS: '0' },
  ],
  ['identity', identityService, { IDENTITY_HASH_SECRET: 'fuzz-identity-hash-secret-0123456789ab' }],
];

/**
 * Ids of the demo data each service seeds, by the field and path-parameter names that refer to them, so
 * generated bodies reach the code behind "unknown category" (a missing table gives an empty pool: less
 * depth, never a failure). `:id` means the resource of the route's first segment.
 */
const ID_QUERIES: Record<string, Record<string, string>> = {
  catalog: {
    categoryId: 'SELECT id FROM category',
    parentId: 'SELECT id FROM category',
    farmId: 'SELECT id FROM farm',
    'id@admin': 'SELECT id FROM product UNION ALL SELECT id FROM category',
  },
  orders: {
    zoneId: 'SELECT id FROM delivery_zone',
    slotId: 'SELECT id FROM delivery_slot',
    skuId: 'SELECT sku_id FROM sku_snapshot',
    fulfillmentCenterId: 'SELECT id FROM fulfillment_center',
    'id@orders': 'SELECT id FROM customer_order',
  },
  fulfillment: {
    centerId: 'SELECT id FROM fulfillment_center',
    fulfillmentCenterId: 'SELECT id FROM fulfillment_center',
    roomId: 'SELECT id FROM room',
    locationBarcode: 'SELECT barcode FROM location',
    barcode: 'SELECT barcode FROM location UNION ALL SELECT barcode FROM lot',
    lotId: 'SELECT id FROM lot',
    skuId: 'SELECT sku_id FROM sku_snapshot',
    orderId: 'SELECT order_id FROM fulfillment_order',
    taskId: 'SELECT id FROM pick_task',
    deliveryId: 'SELECT id FROM expected_delivery',
    lotBarcode: 'SELECT barcode FROM lot',
    fromLocationBarcode: 'SELECT barcode FROM location',
    toLocationBarcode: 'SELECT barcode FROM location',
    countId: 'SELECT id FROM cycle_count',
    caseId: 'SELECT id FROM qa_case',
  },
  identity: {
    addressId: 'SELECT id FROM customer_address',
  },
  callcenter: {
    customerId: 'SELECT customer_id FROM customer_contact',
    'id@tickets': 'SELECT id FROM ticket',
  },
};

async function demoIds(service: string, db: Database): Promise<IdsFor> {
  const pools: Record<string, string[]> = {};
  for (const [name, sql] of Object.entries(ID_QUERIES[service] ?? {})) {
    const rows = (await db.transaction((em) => em.query(`${sql} LIMIT 50`)).catch(() => [])) as Array<
      Record<string, unknown>
    >;
    pools[name] = rows.map((row) => String(Object.values(row)[0]));
  }
  return (route: JsonWriteRoute) => ({ ...pools, id: pools[`id@${route.path.split('/')[1]}`] ?? [] });
}

// Property-based: every JSON write route of every service, bodies generated from the route's own DTO
// (issue 26, section 6). FUZZ_RUNS / FUZZ_SEED / FUZZ_PATH / FUZZ_ROUTE: see `npm run fuzz`.
describe.each(services)('fuzzing the JSON write routes of %s', (service, definition, own) => {
  let built: HttpApp;
  let dropDatabases: () => Promise<void>;
  let issuer: TestIssuer;
  let dir: string;
  // Callcenter's reconciliation and click-to-call reach the vendor: a protocol-faithful fake, as its own specs use.
  const vendor = service === 'callcenter' ? new FakeSkylineVendor() : undefined;
  // Identity sends codes by SMS: the protocol-faithful Aliyun test server, as its own specs use.
  const sms = service === 'identity' ? new AliyunSmsTestServer() : undefined;
  // Orders takes payments through WeChat Pay and Alipay: their protocol-faithful test servers.
  const payments =
    service === 'orders' ? { wechat: new WechatPayTestServer(), alipay: new AlipayTestServer() } : undefined;
  // Identity asks orders' coverage for an address's zone, orders asks identity for a basket's address: the
  // other side as its fake, as their own specs use (one district served, no address known).
  const coverage = service === 'identity' ? new FakeDeliveryCoverage({ '310104': 'sh-xuhui' }) : undefined;
  const addressBook = service === 'orders' ? new FakeIdentityAddresses() : undefined;

  beforeAll(async () => {
    await vendor?.start();
    await sms?.start();
    await Promise.all([payments?.wechat.start(), payments?.alipay.start()]);
    await coverage?.start();
    await addressBook?.start();
    dir = await mkdtemp(join(tmpdir(), `harvest-fuzz-${service}-`));
    const test = await serviceTestEnvironment(service, {
      LOG_LEVEL: 'fatal',
      SEED_DEMO_DATA: 'true',
      OBJECT_STORAGE_LOCAL_DIR: join(dir, 'objects'),
      IMAGES_TMP_DIR: join(dir, 'tmp'),
      ...own,
      ...(vendor
        ? { CALLCENTER_VENDOR_BASE_URL: vendor.baseUrl, CALLCENTER_VENDOR_API_KEY: vendor.apiKey }
        : {}),
      ...(payments ? paymentProvidersEnv(payments.wechat, payments.alipay) : {}),
      ...(sms
        ? {
            SMS_ALIYUN_ENDPOINT: sms.endpoint,
            SMS_ALIYUN_ACCESS_KEY_ID: sms.accessKeyId,
            SMS_ALIYUN_ACCESS_KEY_SECRET: sms.accessKeySecret,
          }
        : {}),
      ...(coverage ? { IDENTITY_ORDERS_URL: coverage.baseUrl } : {}),
      ...(addressBook
        ? { ORDERS_IDENTITY_URL: addressBook.baseUrl, AUTH_CLIENT_SECRET: ORDERS_CLIENT_SECRET }
        : {}),
    });
    if (addressBook) registerOrdersClient(test.issuer);
    dropDatabases = test.dropDatabases;
    issuer = test.issuer;
    const env = { DB_NAME: `${test.prefix}${service}`, EVENTS_DB_NAME: `${test.prefix}events`, ...test.env };
    // Every fuzzed answer is also checked against the service's document (a documented status, a body,
    // problems included, matching its schema): a mismatch fails the test (libs/testing integration-setup).
    built = await createService(
      withResponseCheck({ ...definition, name: `${service}_fuzz_${test.runId}` }),
      env,
    );
  });

  afterAll(async () => {
    await built?.app.close();
    await vendor?.stop();
    await sms?.stop();
    await Promise.all([payments?.wechat.stop(), payments?.alipay.stop()]);
    await coverage?.stop();
    await addressBook?.stop();
    await dropDatabases?.();
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'answers every generated body without a 5xx, and every hostile one with a 4xx problem naming the field',
    async () => {
      const routes = fuzzedRoutes(built.app, settings);
      if (service !== 'images' && !settings.only) expect(routes.length).toBeGreaterThan(0);
      const tokenFor = (role: Role) =>
        issuer.tokenFor(role, `fuzz-${role}`, role === 'scanner' ? { fulfillmentCenterId: 'fc-fuzz' } : {});
      const idsFor = await demoIds(service, built.app.get(Database));
      const failures: string[] = [];
      const tallies: string[] = [];
      for (const route of routes) {
        await fuzzRoute(built.app, route, tokenFor, settings, { idsFor, signFor }).then(
          (tally) =>
            tallies.push(
              `${route.method} ${route.path} valid ${JSON.stringify(tally.valid)} hostile ${JSON.stringify(tally.hostile)}`,
            ),
          // fast-check's report (seed, path, counterexample) with the answer that failed it.
          (error: Error) =>
            failures.push(`${error.message}\n${String((error.cause as Error | undefined)?.message ?? '')}`),
        );
      }
      console.warn(
        `${service}: ${routes.length} JSON write routes, seed ${settings.seed}, ${settings.numRuns} runs each\n${tallies.join('\n')}`,
      );
      if (failures.length)
        console.error(`fuzz failures in ${service} (seed ${settings.seed}):\n\n${failures.join('\n\n')}`);
      expect(failures).toEqual([]);
    },
    Math.max(600_000, settings.numRuns * 10_000),
  );
});
