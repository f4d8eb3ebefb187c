import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { FastdfsClient } from '@harvest/fastdfs';
import { ObjectStorage, bufferSource } from '@harvest/platform/object-storage';
import type { HttpApp } from '@harvest/platform/http';
import { createService } from '@harvest/platform/runtime';
import {
  connectAsRoot,
  dropDatabase,
  startFastdfsTestCluster,
  TestIssuer,
  uniqueDatabaseName,
  type FastdfsTestCluster,
} from '@harvest/testing';
import { imagesServiceUnderTest, jpegWithExif, multipartBody, pngBomb } from '@harvest/images/testing';
import { allVariants, variantFileName } from '../variants/domain/variant-presets';
import { ImageGcService } from '../garbage-collection/image-gc.service';
import { ImageUrlsService } from '../image-urls/image-urls.service';

describe('images service on the FastDFS test server', () => {
  const prefix = `${uniqueDatabaseName('img')}_`;
  let cluster: FastdfsTestCluster;
  let fastdfs: FastdfsClient;
  let http: HttpApp;
  let tmp: string;
  let admin: string;
  let customer: string;
  let issuer: TestIssuer;

  const upload = (data: Buffer, filename = 'photo.jpg', token = admin) => {
    const { payload, headers } = multipartBody([{ name: 'file', filename, contentType: 'image/jpeg', data }]);
    return http.app.inject({
      method: 'POST',
      url: '/images',
      payload,
      headers: { ...headers, authorization: `Bearer ${token}` },
    });
  };
  const imageRows = async () => {
    const root = await connectAsRoot();
    try {
      const [rows] = await root.query(`SELECT COUNT(*) AS n FROM \`${prefix}images\`.image`);
      return Number((rows as Array<{ n: number }>)[0]!.n);
    } finally {
      await root.end();
    }
  };

  beforeAll(async () => {
    cluster = await startFastdfsTestCluster();
    fastdfs = new FastdfsClient({ trackers: cluster.trackerEndpoints });
    tmp = await mkdtemp(join(tmpdir(), 'harvest-images-test-'));
    issuer = await new TestIssuer().start();
    const env = {
      ...issuer.env,
      IMAGES_SIGNING_SECRET: 'images-test-signing-secret-0123',
      LOG_LEVEL: 'warn',
      HARVEST_DB_PREFIX: prefix,
      OBJECT_STORAGE_DRIVER: 'fastdfs',
      FASTDFS_TRACKERS: cluster.trackerEndpoints.map((t) => `${t.host}:${t.port}`).join(','),
      FASTDFS_CONNECT_TIMEOUT_MS: '500',
      FASTDFS_NETWORK_TIMEOUT_MS: '2000',
      FASTDFS_DOWN_COOLDOWN_MS: '0',
      IMAGES_GC_INTERVAL_MS: '0',
      IMAGES_TMP_DIR: tmp,
    };
    http = await createService(imagesServiceUnderTest, env);
    admin = await issuer.tokenFor('admin', 'staff-1');
    customer = await issuer.tokenFor('customer', 'cust-1');
  });

  afterAll(async () => {
    await http?.app.close();
    await issuer?.close();
    fastdfs?.close();
    await cluster?.close();
    await rm(tmp, { recursive: true, force: true });
    await dropDatabase(`${prefix}images`);
    await dropDatabase(`${prefix}events`);
  });

  it('an upload stores the original without EXIF and six variants; signed URLs serve exactly the stored bytes', async () => {
    const photo = await jpegWithExif(1600, 1200);
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const response = await upload(photo);
    expect(response.statusCode).toBe(201);
    const image = response.json();
    expect(image).toMatchObject({
      width: 1600,
      height: 1200,
      format: 'jpeg',
      uploadBytes: photo.length,
      uploadedBy: 'staff-1',
    });
    expect(image.id).toHaveLength(24);
    expect(image.originalObjectId).toMatch(/^group1\/M00\/[0-9A-F]{2}\/[0-9A-F]{2}\/[\w-]{27}\.jpg$/);

    const original = await fastdfs.downloadBuffer(image.originalObjectId);
    const originalMeta = await sharp(original).metadata();
    expect(originalMeta.exif).toBeUndefined();
    expect([originalMeta.width, originalMeta.height]).toEqual([1600, 1200]);

    expect(image.variants.map((v: { name: string }) => v.name)).toEqual(allVariants().map(variantFileName));
    for (const variant of image.variants) {
      const served = await http.app.inject({ method: 'GET', url: variant.url });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe(variant.format === 'webp' ? 'image/webp' : 'image/jpeg');
      expect(served.rawPayload.equals(await fastdfs.downloadBuffer(variant.objectId))).toBe(true);
      const meta = await sharp(served.rawPayload).metadata();
      expect(Math.max(meta.width!, meta.height!)).toBe(
        { thumb: 160, list: 480, detail: 1080 }[variant.preset as string],
      );
      expect(meta.exif).toBeUndefined();
    }
  });

  it('accepts PNG and WebP by their bytes whatever the name says, and turns a rotated photo upright', async () => {
    const png = await sharp(await jpegWithExif(300, 200, 61))
      .png()
      .toBuffer();
    const asPng = await upload(png, 'named-like-a.jpg');
    expect(asPng.statusCode).toBe(201);
    expect(asPng.json()).toMatchObject({ format: 'png', width: 300, height: 200 });
    expect(asPng.json().originalObjectId).toMatch(/\.png$/);

    const webp = await sharp(await jpegWithExif(300, 200, 62))
      .webp()
      .toBuffer();
    expect((await upload(webp, 'pear.png')).json()).toMatchObject({
      format: 'webp',
      width: 300,
      height: 200,
    });

    // A camera held sideways: pixels 400×200, EXIF orientation 6 (turn 90°) → shown 200×400.
    const sideways = await sharp(await jpegWithExif(400, 200, 63))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const upright = (await upload(sideways, 'sideways.jpg')).json();
    expect(upright).toMatchObject({ width: 200, height: 400 });
    const stored = await sharp(await fastdfs.downloadBuffer(upright.originalObjectId)).metadata();
    expect([stored.width, stored.height, stored.orientation, stored.exif]).toEqual([
      200,
      400,
      undefined,
      undefined,
    ]);
  });

  it('the same bytes uploaded twice give one image', async () => {
    const photo = await jpegWithExif(800, 600, 7);
    const before = await imageRows();
    const first = await upload(photo, 'a.jpg');
    const second = await upload(photo, 'b.jpg');
    expect([first.statusCode, second.statusCode]).toEqual([201, 200]);
    expect(second.json().id).toBe(first.json().id);
    expect(await imageRows()).toBe(before + 1);
  });

  it('rejects an HTML file with a JPEG name, SVG, and a fake extension, naming what the bytes are', async () => {
    const html = await upload(
      Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'),
      'photo.jpg',
    );
    expect(html.statusCode).toBe(415);
    expect(html.headers['content-type']).toContain('application/problem+json');
    expect(html.json()).toMatchObject({
      type: 'urn:harvest:problem:unsupported-image-type',
      field: 'file',
      detected: 'HTML or XML',
    });
    expect(html.json().detail).toContain('although its name ends in .jpg');

    const svg = await upload(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
      'logo.png',
    );
    expect(svg.json()).toMatchObject({ status: 415, detected: 'SVG' });

    const gif = await upload(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'pear.webp');
    expect(gif.json()).toMatchObject({ status: 415, detected: 'GIF' });

    const truncatedJpeg = await upload(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 1, 2, 3]), 'broken.jpg');
    expect(truncatedJpeg.json()).toMatchObject({
      status: 422,
      type: 'urn:harvest:problem:undecodable-image',
    });
  });

  it('a 50-megapixel bomb is rejected from its header, without memory growing past a bound', async () => {
    const bomb = await pngBomb(10_000, 5_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    const response = await upload(bomb, 'bomb.png');
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      type: 'urn:harvest:problem:image-pixel-limit',
      width: 10_000,
      height: 5_000,
    });
    // Decoding would need 150 MB (10000 × 5000 × 3); the header check needs next to nothing.
    const growthMb = (peak - before) / 1024 / 1024;
    console.log(`bomb upload: RSS grew by ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(48);
  });

  it('a file over 10 MB is 413', async () => {
    const response = await upload(
      Buffer.concat([await jpegWithExif(200, 200), Buffer.alloc(10 * 1024 * 1024)]),
      'big.jpg',
    );
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ type: 'urn:harvest:problem:image-too-large', field: 'file' });
  });

  it('a request without a file part, or not multipart, is a 4xx naming the field', async () => {
    const other = multipartBody([{ name: 'picture', filename: 'x.jpg', data: await jpegWithExif(100, 100) }]);
    const wrongPart = await http.app.inject({
      method: 'POST',
      url: '/images',
      payload: other.payload,
      headers: { ...other.headers, authorization: `Bearer ${admin}` },
    });
    expect(wrongPart.statusCode).toBe(400);
    expect(wrongPart.json().errors).toEqual([{ field: 'picture', message: 'is not allowed' }]);
    const cut = multipartBody([{ name: 'file', filename: 'x.jpg', data: await jpegWithExif(100, 100) }]);
    const truncated = await http.app.inject({
      method: 'POST',
      url: '/images',
      payload: cut.payload.subarray(0, cut.payload.length - 60),
      headers: { ...cut.headers, authorization: `Bearer ${admin}` },
    });
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json()).toMatchObject({ type: 'urn:harvest:problem:malformed-upload', field: 'file' });
    const json = await http.app.inject({
      method: 'POST',
      url: '/images',
      payload: { file: 'x' },
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().field).toBe('file');
  });

  it('only staff upload; customers read through signed URLs', async () => {
    expect((await upload(await jpegWithExif(100, 100, 3), 'x.jpg', customer)).statusCode).toBe(403);
    const anonymous = multipartBody([
      { name: 'file', filename: 'x.jpg', data: await jpegWithExif(100, 100, 3) },
    ]);
    expect((await http.app.inject({ method: 'POST', url: '/images', ...anonymous })).statusCode).toBe(401);
  });

  it('a size not on the list is 404; an unsigned, tampered or expired URL is 403', async () => {
    const image = (await upload(await jpegWithExif(640, 480, 11))).json();
    const urls = http.app.get(ImageUrlsService);
    expect((await http.app.inject({ method: 'GET', url: `/images/${image.id}/huge.webp` })).statusCode).toBe(
      404,
    );
    expect((await http.app.inject({ method: 'GET', url: `/images/${image.id}/thumb.gif` })).statusCode).toBe(
      404,
    );
    expect(
      (await http.app.inject({ method: 'GET', url: `/images/${image.id}/thumb.webp` })).json().type,
    ).toBe('urn:harvest:problem:signed-url-invalid');
    const signed = image.variants[0].url as string;
    const tampered = signed.replace(/token=./, (m) => (m.endsWith('0') ? 'token=1' : 'token=0'));
    expect((await http.app.inject({ method: 'GET', url: tampered })).statusCode).toBe(403);

    const realNow = urls.now;
    urls.now = () => realNow() - urls.ttlSeconds - 5; // a URL handed out long enough ago to have expired
    const stale = (await http.app.inject({ method: 'GET', url: `/images/${image.id}/urls` })).json();
    urls.now = realNow;
    const expired = await http.app.inject({ method: 'GET', url: stale.variants[0].url });
    expect(expired.statusCode).toBe(403);
    expect(expired.json()).toMatchObject({ type: 'urn:harvest:problem:signed-url-expired' });
    expect(stale.variants[0]).not.toHaveProperty('objectId'); // the public view says nothing about storage
  });

  it('with one tracker down, uploads and reads go through the other', async () => {
    await cluster.trackers[0].stop();
    try {
      const response = await upload(await jpegWithExif(300, 300, 21));
      expect(response.statusCode).toBe(201);
      expect(
        (await http.app.inject({ method: 'GET', url: response.json().variants[1].url })).statusCode,
      ).toBe(200);
    } finally {
      await cluster.trackers[0].start();
    }
  });

  it('with storage down, an upload is 503 with a clear message and leaves no row', async () => {
    const before = await imageRows();
    await Promise.all(cluster.storages.map((s) => s.stop()));
    try {
      const ready = await http.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200); // degraded, still ready: metadata and links work
      expect(ready.json().dependencies['object-storage']).toMatchObject({
        status: 'down',
        critical: false,
        driver: 'fastdfs',
      });
      const response = await upload(await jpegWithExif(300, 300, 31));
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ type: 'urn:harvest:problem:image-storage-unavailable' });
      expect(response.json().detail).toMatch(/^Image storage is unavailable, nothing was saved/);
      expect(await imageRows()).toBe(before);
    } finally {
      await Promise.all(cluster.storages.map((s) => s.start()));
    }
    // Storages that stop silently mid-upload (the trackers still name them) end the same way.
    await Promise.all(cluster.storages.map((s) => s.stop({ silently: true })));
    try {
      expect((await upload(await jpegWithExif(300, 300, 32))).statusCode).toBe(503);
      expect(await imageRows()).toBe(before);
    } finally {
      await Promise.all(cluster.storages.map((s) => s.start()));
    }
  });

  it('product links list a product’s images; deleting an image removes its stored files', async () => {
    const image = (await upload(await jpegWithExif(500, 400, 41))).json();
    const auth = { authorization: `Bearer ${admin}` };
    expect(
      (
        await http.app.inject({
          method: 'PUT',
          url: `/images/${image.id}/products/prod-strawberry-500g`,
          headers: auth,
        })
      ).statusCode,
    ).toBe(204);
    const listed = (
      await http.app.inject({ method: 'GET', url: '/products/prod-strawberry-500g/images' })
    ).json();
    expect(listed.images.map((i: { id: string }) => i.id)).toEqual([image.id]);
    const badProduct = await http.app.inject({
      method: 'PUT',
      url: `/images/${image.id}/products/bad%20id`,
      headers: auth,
    });
    expect(badProduct.statusCode).toBe(400);

    const files = [image.originalObjectId, ...image.variants.map((v: { objectId: string }) => v.objectId)];
    expect(await Promise.all(files.map((f) => cluster.storages[0].has(f.slice('group1/'.length))))).toEqual(
      files.map(() => true),
    );
    expect(
      (await http.app.inject({ method: 'DELETE', url: `/images/${image.id}`, headers: auth })).statusCode,
    ).toBe(204);
    for (const storage of cluster.storages) {
      expect(await Promise.all(files.map((f) => storage.has(f.slice('group1/'.length))))).toEqual(
        files.map(() => false),
      );
    }
    expect(
      (await http.app.inject({ method: 'GET', url: `/images/${image.id}`, headers: auth })).statusCode,
    ).toBe(404);
    expect(
      (await http.app.inject({ method: 'GET', url: '/products/prod-strawberry-500g/images' })).json().images,
    ).toEqual([]);
  });

  it('files an upload stored are GC-safe for the grace period, then collected if no image claimed them', async () => {
    const orphanRows = async () => {
      const root = await connectAsRoot();
      try {
        const [rows] = await root.query(`SELECT object_id FROM \`${prefix}images\`.orphan_object`);
        return (rows as Array<{ object_id: string }>).map((r) => r.object_id);
      } finally {
        await root.end();
      }
    };
    const image = (await upload(await jpegWithExif(500, 400, 71))).json();
    expect(await orphanRows()).not.toContain(image.originalObjectId); // claimed by the image row

    // A process that stored a file and died before its row: the file is queued, held for the grace period.
    const storage = http.app.get(ObjectStorage);
    const lost = await storage.put(bufferSource(Buffer.from('lost in a crash')), 'jpg');
    await http.app.get(ImageGcService).hold([lost]);
    const auth = { authorization: `Bearer ${admin}` };
    expect((await http.app.inject({ method: 'POST', url: '/images/gc', headers: auth })).json()).toEqual({
      deleted: 0,
      failed: 0,
    });
    expect(await cluster.storages[0]!.has(lost.slice('group1/'.length))).toBe(true);

    const root = await connectAsRoot();
    await root.query(
      `UPDATE \`${prefix}images\`.orphan_object SET collect_after = NOW(3) - INTERVAL 1 SECOND`,
    );
    await root.end();
    expect((await http.app.inject({ method: 'POST', url: '/images/gc', headers: auth })).json()).toEqual({
      deleted: 1,
      failed: 0,
    });
    expect(await cluster.storages[0]!.has(lost.slice('group1/'.length))).toBe(false);
    expect(await orphanRows()).toEqual([]);
  });

  it('a failed upload whose GC hold never committed still has its stored files deleted', async () => {
    const storage = http.app.get(ObjectStorage);
    const stored = await storage.put(bufferSource(Buffer.from('stored, then the hold rolled back')), 'jpg');
    await http.app.get(ImageGcService).discard([stored]); // no hold: what a failed hold transaction leaves
    expect(await cluster.storages[0]!.has(stored.slice('group1/'.length))).toBe(false);
    const root = await connectAsRoot();
    try {
      const [rows] = await root.query(
        `SELECT object_id FROM \`${prefix}images\`.orphan_object WHERE object_id = ?`,
        [stored],
      );
      expect(rows).toEqual([]);
    } finally {
      await root.end();
    }
  });

  it('a deletion during a storage outage is finished by the GC job', async () => {
    const image = (await upload(await jpegWithExif(500, 400, 51))).json();
    const auth = { authorization: `Bearer ${admin}` };
    await Promise.all(cluster.storages.map((s) => s.stop({ silently: true })));
    try {
      expect(
        (await http.app.inject({ method: 'DELETE', url: `/images/${image.id}`, headers: auth })).statusCode,
      ).toBe(204);
    } finally {
      await Promise.all(cluster.storages.map((s) => s.start()));
    }
    const name = image.originalObjectId.slice('group1/'.length);
    expect(await cluster.storages[0].has(name)).toBe(true); // not yet: storage was down
    const gc = await http.app.inject({ method: 'POST', url: '/images/gc', headers: auth });
    expect(gc.json()).toEqual({ deleted: 7, failed: 0 });
    expect(await cluster.storages[0].has(name)).toBe(false);
  });
});
