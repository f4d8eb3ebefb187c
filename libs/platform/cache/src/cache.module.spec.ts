import { Test } from '@nestjs/testing';
import { HealthRegistry } from '@harvest/platform/health';
import { Global, Module } from '@nestjs/common';
import { CacheModule } from './cache.module';
import { CACHE_STORE, type CacheStore } from './cache-store.port';

/** Stands in for the application's health module, which makes one HealthRegistry visible everywhere. */
@Global()
@Module({ providers: [HealthRegistry], exports: [HealthRegistry] })
class HealthTestModule {}

describe('CacheModule', () => {
  it('provides the in-process store and registers a non-critical "cache" indicator', async () => {
    const app = await Test.createTestingModule({
      imports: [HealthTestModule, CacheModule.forRoot({ driver: 'memory' })],
    }).compile();
    await app.init();
    const store = app.get<CacheStore>(CACHE_STORE);
    await store.set('k', 1, 60);
    const [indicator] = app.get(HealthRegistry).list();
    expect(indicator).toMatchObject({ name: 'cache', critical: false });
    await expect(indicator!.check()).resolves.toEqual({
      up: true,
      detail: { driver: 'memory', errors: 0, entries: 1 },
    });
    await app.close();
  });

  it('starts without a HealthRegistry', async () => {
    const app = await Test.createTestingModule({
      imports: [CacheModule.forRoot({ driver: 'memory' })],
    }).compile();
    await app.init();
    expect(app.get(CACHE_STORE)).toBeDefined();
    await app.close();
  });
});
