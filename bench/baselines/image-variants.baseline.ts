/**
 * Raw baseline of the image row: a bare Fastify route POST /images taking the same multipart upload to a
 * temporary file and running the same sharp work as the images service (header read, upright original without
 * metadata, thumb/list/detail in WebP and JPEG), by calling the service's own rendering functions so the variant
 * set and encoder settings cannot drift. No hashing, type sniffing, storage, database or auth.
 * Env: PORT, TMP_DIR.
 */
import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  readImageHeader,
  renderOriginal,
  renderVariants,
} from '../../apps/images/src/variants/image-rendering';

const MAX_PIXELS = 25_000_000;
/** The images service's default IMAGES_MAX_UPLOAD_BYTES (the multipart default would cut a photo at 1 MiB). */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

async function main(): Promise<void> {
  const tmpDir = process.env.TMP_DIR!;
  await mkdir(tmpDir, { recursive: true });
  const app = Fastify();
  await app.register(multipart);
  app.get('/ready', async () => ({ ready: true }));
  app.post('/images', async (request, reply) => {
    const file = await request.file({
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 0, parts: 1 },
    });
    if (!file) return reply.code(400).send({ field: 'file' });
    const path = join(tmpDir, `upload-${randomBytes(12).toString('hex')}`);
    try {
      await pipeline(file.file, createWriteStream(path));
      if (file.file.truncated) return reply.code(413).send({ field: 'file' });
      const header = await readImageHeader(path);
      await renderOriginal(path, 'jpeg', MAX_PIXELS, `${path}.original`);
      const variants = await renderVariants(path, MAX_PIXELS);
      return reply.code(201).send({
        ...header,
        variants: variants.map((v) => ({ preset: v.preset, format: v.format, bytes: v.bytes.length })),
      });
    } finally {
      await rm(path, { force: true });
      await rm(`${path}.original`, { force: true });
    }
  });
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
}

main().catch((error: Error) => {
  console.error(`image baseline: ${error.message}`);
  process.exit(1);
});
