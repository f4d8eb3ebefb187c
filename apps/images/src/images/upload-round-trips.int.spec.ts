import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import { type HttpApp } from '@harvest/platform/http';
import { createService } from '@harvest/platform/runtime';
import { dropDatabase, uniqueDatabaseName } from '@harvest/testing';
import { imagesServiceDefinition } from '../images.service-definition';
import { jpegWithExif } from '../testing/image-fixtures';
import { ImagesService } from './images.service';

/**
 * Counts the statements one new upload sends to MySQL (each is one round trip, BEGIN/COMMIT included), from
 * within the request's async context only, so the GC timer or other work of the process does not count.
 */
describe('upload round trips (real MariaDB, local disk)', () => {
  const statements = new AsyncLocalStorage<string[]>();
  const originalQuery = MysqlQueryRunner.prototype.query;
  const prefix = `${uniqueDatabaseName('imgrt')}_`;
  let http: HttpApp;
  let dir: string;

  beforeAll(async () => {
    MysqlQueryRunner.prototype.query = function (
      this: MysqlQueryRunner,
      ...args: Parameters<MysqlQueryRunner['query']>
    ) {
      statements.getStore()?.push(args[0]);
      return originalQuery.apply(this, args);
    } as MysqlQueryRunner['query'];
    dir = await mkdtemp(join(tmpdir(), 'harvest-images-rt-'));
    const env = {
      JWT_SECRET: 'images-rt-secret-0123456789abcdef-xyz',
      IMAGES_SIGNING_SECRET: 'images-test-signing-secret-0123',
      LOG_LEVEL: 'warn',
      HARVEST_DB_PREFIX: prefix,
      OBJECT_STORAGE_LOCAL_DIR: join(dir, 'objects'),
      IMAGES_TMP_DIR: join(dir, 'tmp'),
      IMAGES_GC_INTERVAL_MS: '0',
    };
    http = await createService(imagesServiceDefinition(env), env);
  });

  afterAll(async () => {
    MysqlQueryRunner.prototype.query = originalQuery;
    await http?.app.close();
    await rm(dir, { recursive: true, force: true });
    await dropDatabase(`${prefix}images`);
    await dropDatabase(`${prefix}events`);
  });

  it('stores a new image in a fixed, small number of statements', async () => {
    const photo = await jpegWithExif(800, 600, 3);
    const sent: string[] = [];
    const { record, created } = await statements.run(sent, () =>
      http.app
        .get(ImagesService)
        .upload({ stream: Readable.from([photo]), filename: 'rt.jpg', truncated: () => false }, 'staff-rt'),
    );
    expect(created).toBe(true);
    const listing = `${sent.length} statements:\n${sent.map((s) => s.replace(/\s+/g, ' ').slice(0, 110)).join('\n')}`;
    // Three transactions: the dedup lookup; the GC hold of all seven stored files; image, variants and the
    // claim of the held files. (Before: 42 statements in 10, with a hold per file and a read-back at the end.)
    expect({ transactions: sent.filter((s) => s === 'START TRANSACTION').length, listing }).toEqual({
      transactions: 3,
      listing: expect.stringMatching(/^12 statements/),
    });
    // The answer built from the rows just written is what a later read returns.
    const read = await http.app.get(ImagesService).find(record.image.id, { fresh: true });
    expect(read).toEqual(record);
  });
});
