import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type HttpApp } from '@harvest/platform/http';
import { createService } from '@harvest/platform/runtime';
import {
  dropDatabase,
  recordStatements,
  TestIssuer,
  uniqueDatabaseName,
  type StatementRecorder,
} from '@harvest/testing';
import { imagesServiceUnderTest, jpegWithExif } from '@harvest/images/testing';
import { IMAGES_CONFIG, type ImagesConfig } from '../config/images.config';
import { ImagesService } from '../images/images.service';
import { receiveImage, uploadLimits } from './upload-request';
import { UploadsService } from './uploads.service';

/**
 * Counts the statements one new upload sends to MySQL (each is one round trip, BEGIN/COMMIT included), from
 * within the request's async context only, so the GC timer or other work of the process does not count.
 */
describe('upload round trips (real MariaDB, local disk)', () => {
  let recorder: StatementRecorder;
  const prefix = `${uniqueDatabaseName('imgrt')}_`;
  let http: HttpApp;
  let dir: string;
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await new TestIssuer().start();
    recorder = recordStatements();
    dir = await mkdtemp(join(tmpdir(), 'harvest-images-rt-'));
    const env = {
      ...issuer.env,
      IMAGES_SIGNING_SECRET: 'images-test-signing-secret-0123',
      LOG_LEVEL: 'warn',
      HARVEST_DB_PREFIX: prefix,
      OBJECT_STORAGE_LOCAL_DIR: join(dir, 'objects'),
      IMAGES_TMP_DIR: join(dir, 'tmp'),
      IMAGES_GC_INTERVAL_MS: '0',
    };
    http = await createService(imagesServiceUnderTest, env);
  });

  afterAll(async () => {
    recorder?.restore();
    await http?.app.close();
    await issuer?.close();
    await rm(dir, { recursive: true, force: true });
    await dropDatabase(`${prefix}images`);
    await dropDatabase(`${prefix}events`);
  });

  it('stores a new image in a fixed, small number of statements', async () => {
    const photo = await jpegWithExif(800, 600, 3);
    const {
      result,
      statements: sent,
      listing,
    } = await recorder.during(async () =>
      http.app
        .get(UploadsService)
        .upload(
          await receiveImage(
            { stream: Readable.from([photo]), filename: 'rt.jpg', truncated: () => false },
            uploadLimits(http.app.get<ImagesConfig>(IMAGES_CONFIG)),
          ),
          'staff-rt',
        ),
    );
    const { record, created } = result;
    expect(created).toBe(true);
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
