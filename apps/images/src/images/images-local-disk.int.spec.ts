import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpApp } from '@harvest/platform/http';
import { createService } from '@harvest/platform/runtime';
import { dropDatabase, TestIssuer, uniqueDatabaseName } from '@harvest/testing';
import { demoPicture } from '../demo/seed-demo-images';
import { imagesServiceUnderTest, multipartBody } from '@harvest/images/testing';
import { ImagesService } from './images.service';

/** The embedded default (`npm start`): images on local disk, demo images seeded, same routes. */
describe('images service on the local-disk default', () => {
  const prefix = `${uniqueDatabaseName('imgl')}_`;
  let http: HttpApp;
  let dir: string;
  let env: Record<string, string>;
  let issuer: TestIssuer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'harvest-images-local-'));
    issuer = await new TestIssuer().start();
    env = {
      ...issuer.env,
      IMAGES_SIGNING_SECRET: 'images-test-signing-secret-0123',
      LOG_LEVEL: 'warn',
      HARVEST_DB_PREFIX: prefix,
      SEED_DEMO_DATA: 'true',
      OBJECT_STORAGE_LOCAL_DIR: join(dir, 'objects'),
      IMAGES_TMP_DIR: join(dir, 'tmp'),
      IMAGES_GC_INTERVAL_MS: '0',
    };
    http = await createService(imagesServiceUnderTest, env);
  });

  afterAll(async () => {
    await http?.app.close();
    await issuer?.close();
    await rm(dir, { recursive: true, force: true });
    await dropDatabase(`${prefix}images`);
    await dropDatabase(`${prefix}events`);
  });

  it('seeds demo images for demo products, once, and serves their variants', async () => {
    const listed = (await http.app.inject({ method: 'GET', url: '/products/demo-prod-0001/images' })).json();
    expect(listed.images).toHaveLength(1);
    const thumb = listed.images[0].variants.find((v: { name: string }) => v.name === 'thumb.webp');
    const served = await http.app.inject({ method: 'GET', url: thumb.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');

    // A second start seeds nothing new.
    const again = await createService(imagesServiceUnderTest, env);
    await again.app.close();
    expect(await http.app.get(ImagesService).findByProduct('demo-prod-0001')).toHaveLength(1);
  });

  it('uploads, dedups and deletes on local disk, leaving no files and no temporary files behind', async () => {
    const admin = await issuer.tokenFor('admin', 'staff-2');
    const bytes = await demoPicture('#6a1b9a', '#2e7d32');
    const { payload, headers } = multipartBody([{ name: 'file', filename: 'grape.jpg', data: bytes }]);
    const post = () =>
      http.app.inject({
        method: 'POST',
        url: '/images',
        payload,
        headers: { ...headers, authorization: `Bearer ${admin}` },
      });
    const [first, second] = await Promise.all([post(), post()]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 201]);
    const image = first.json();
    expect(second.json().id).toBe(image.id);
    expect(image.originalObjectId).toMatch(/^local\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}\.jpg$/);

    const stored = async () =>
      (await readdir(join(dir, 'objects'), { recursive: true })).filter((f) => f.includes('.')).length;
    const before = await stored();
    expect(
      (
        await http.app.inject({
          method: 'DELETE',
          url: `/images/${image.id}`,
          headers: { authorization: `Bearer ${admin}` },
        })
      ).statusCode,
    ).toBe(204);
    expect(await stored()).toBe(before - 7);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });

  it.each([
    ['a second file', { name: 'file', filename: 'b.jpg', data: 'second' }, 'file'],
    ['a second file under another name', { name: 'extra', filename: 'b.jpg', data: 'second' }, 'extra'],
    ['a field after the file', { name: 'caption', data: 'grapes' }, 'caption'],
  ])(
    'refuses a file followed by %s with a 400 naming the part, storing nothing',
    async (_what, extra, field) => {
      const admin = await issuer.tokenFor('admin', 'staff-3');
      const bytes = await demoPicture('#1565c0', '#ef6c00');
      const { payload, headers } = multipartBody([{ name: 'file', filename: 'a.jpg', data: bytes }, extra]);
      const objects = async () => (await readdir(join(dir, 'objects'), { recursive: true })).length;
      const before = await objects();
      const response = await http.app.inject({
        method: 'POST',
        url: '/images',
        payload,
        headers: { ...headers, authorization: `Bearer ${admin}` },
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors).toEqual([{ field, message: expect.stringMatching(/not allowed/) }]);
      expect(await objects()).toBe(before);
      expect(await readdir(join(dir, 'tmp'))).toEqual([]);
    },
  );
});
