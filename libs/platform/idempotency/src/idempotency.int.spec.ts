import { Body, Controller, Module, Post } from '@nestjs/common';
import { IsInt, IsString, Min } from 'class-validator';
import { DatabaseModule } from '@harvest/platform/database';
import { createHttpApp, CurrentPrincipal, type HttpApp, type Principal } from '@harvest/platform/http';
import { dropDatabase, TestIssuer, testDatabaseConfig, uniqueDatabaseName } from '@harvest/testing';
import { randomUUID } from 'node:crypto';
import { Idempotent } from './idempotent.decorator';
import { IdempotencyModule } from './idempotency.module';
import { idempotencyMigrations } from './idempotency-key.migration';

class PlaceOrderDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
}

let executions = 0;
let gate: Promise<void> = Promise.resolve();

@Controller('orders')
class OrdersTestController {
  @Post()
  @Idempotent()
  async place(@Body() body: PlaceOrderDto, @CurrentPrincipal() principal: Principal) {
    executions++;
    await gate;
    if (body.sku === 'explodes') throw new Error('database went away');
    return { orderId: randomUUID(), sku: body.sku, quantity: body.quantity, customer: principal.subject };
  }
}

describe('@Idempotent() on a real MariaDB', () => {
  const name = uniqueDatabaseName('idem');
  let http: HttpApp;
  let issuer: TestIssuer;
  let alice: string;
  let bob: string;

  @Module({
    imports: [
      DatabaseModule.forRoot(testDatabaseConfig({ DB_NAME: name }), {
        entities: [],
        migrations: idempotencyMigrations,
      }),
      IdempotencyModule,
    ],
    controllers: [OrdersTestController],
  })
  class TestModule {}

  beforeAll(async () => {
    issuer = await new TestIssuer().start();
    http = await createHttpApp(TestModule, {
      serviceName: 'idempotency-test',
      env: { ...issuer.env, AUTH_AUDIENCE: 'orders', LOG_LEVEL: 'warn' },
    });
    alice = await issuer.tokenFor('customer', 'alice');
    bob = await issuer.tokenFor('customer', 'bob');
  });
  afterAll(async () => {
    await http?.app.close();
    await issuer?.close();
    await dropDatabase(name);
  });
  beforeEach(() => {
    executions = 0;
    gate = Promise.resolve();
  });

  const post = (token: string, key: string | undefined, payload: object) =>
    http.app.inject({
      method: 'POST',
      url: '/orders',
      headers: { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });

  it('requires the header, and names it', async () => {
    const res = await post(alice, undefined, { sku: 'spinach', quantity: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ header: 'Idempotency-Key', title: 'Idempotency-Key header required' });
    expect(executions).toBe(0);
  });

  it('runs once and replays the same response for the same key and body, fields in any order', async () => {
    const key = randomUUID();
    const first = await post(alice, key, { sku: 'spinach', quantity: 2 });
    const again = await post(alice, key, { quantity: 2, sku: 'spinach' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(executions).toBe(1);
  });

  it('answers 422 for the same key with another body, without running it', async () => {
    const key = randomUUID();
    await post(alice, key, { sku: 'spinach', quantity: 2 });
    const other = await post(alice, key, { sku: 'spinach', quantity: 3 });
    expect(other.statusCode).toBe(422);
    expect(executions).toBe(1);
  });

  it('answers 409 to a retry that arrives while the first attempt is still running', async () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const key = randomUUID();
    const first = post(alice, key, { sku: 'kale', quantity: 1 });
    await new Promise((r) => setTimeout(r, 100));
    const concurrent = await post(alice, key, { sku: 'kale', quantity: 1 });
    open();
    expect(concurrent.statusCode).toBe(409);
    expect((await first).statusCode).toBe(201);
    expect(executions).toBe(1);
  });

  it('keeps keys per caller: the same key from another customer is a new request', async () => {
    const key = randomUUID();
    const a = await post(alice, key, { sku: 'leek', quantity: 1 });
    const b = await post(bob, key, { sku: 'leek', quantity: 1 });
    expect(b.json().customer).toBe('bob');
    expect(b.json().orderId).not.toBe(a.json().orderId);
    expect(executions).toBe(2);
  });

  it('frees the key after a failure, so a retry runs for real', async () => {
    const key = randomUUID();
    const failed = await post(alice, key, { sku: 'explodes', quantity: 1 });
    expect(failed.statusCode).toBe(500);
    const invalid = await post(alice, key, { sku: 'explodes', quantity: 0 });
    expect(invalid.statusCode).toBe(400);
    expect(executions).toBe(1);
    const corrected = await post(alice, key, { sku: 'pak choi', quantity: 1 });
    expect(corrected.statusCode).toBe(201);
    expect(executions).toBe(2);
  });
});
