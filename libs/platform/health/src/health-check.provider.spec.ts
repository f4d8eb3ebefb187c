import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { HealthRegistry, type DependencyHealthIndicator } from './dependency-health';
import { healthCheckProvider } from './health-check.provider';

@Injectable()
class Pool {
  up = true;
}

const poolHealth = healthCheckProvider({
  inject: [Pool],
  useFactory: (pool: Pool): DependencyHealthIndicator => ({
    name: 'pool',
    critical: true,
    check: async () => ({ up: pool.up }),
  }),
});

@Module({ providers: [Pool, poolHealth] })
class PoolModule {}

/** As HealthModule provides it in a real app: global, so the adapter's module sees it. */
@Global()
@Module({ providers: [HealthRegistry], exports: [HealthRegistry] })
class RegistryModule {}

describe('healthCheckProvider', () => {
  it("registers the indicator, built from its dependencies, in the application's HealthRegistry", async () => {
    const app = await Test.createTestingModule({ imports: [PoolModule, RegistryModule] }).compile();
    await app.init();
    const registered = app.get(HealthRegistry).list();
    expect(registered.map((i) => i.name)).toEqual(['pool']);
    app.get(Pool).up = false;
    await expect(registered[0]!.check()).resolves.toEqual({ up: false });
    await app.close();
  });

  it('builds without a HealthRegistry (an app without the HTTP platform)', async () => {
    const app = await Test.createTestingModule({ imports: [PoolModule] }).compile();
    await expect(app.init()).resolves.toBeDefined();
    await app.close();
  });

  it('can be injected under a token of its own', async () => {
    const TOKEN = Symbol('pool-health');
    @Injectable()
    class Reader {
      constructor(@Inject(TOKEN) readonly indicator: DependencyHealthIndicator) {}
    }
    const app = await Test.createTestingModule({
      providers: [
        Pool,
        HealthRegistry,
        healthCheckProvider(
          {
            inject: [Pool],
            useFactory: () => ({ name: 'x', critical: false, check: async () => ({ up: true }) }),
          },
          TOKEN,
        ),
        Reader,
      ],
    }).compile();
    expect(app.get(Reader).indicator.name).toBe('x');
    await app.close();
  });
});
