import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAGIC_BYTES_NEEDED } from '../images/domain/image-type';

export interface ReceivedUpload {
  /** The upload as received, on local disk. */
  path: string;
  sha256: string;
  size: number;
  /** The first bytes, for the type check. */
  head: Buffer;
}

export interface UploadWatch {
  /** Give up when no bytes arrive for this long (a stalled or trickling client). */
  idleTimeoutMs: number;
}

const WATCH_INTERVAL_MS = 50;

/**
 * Streams an upload to a temporary file while hashing it and keeping its first bytes, so a 10 MB upload
 * never sits whole in memory. The caller removes the file. A body cut short inside the file part leaves
 * the parser's file stream open for ever (@fastify/busboy marks it destroyed but neither ends nor errors it), so a watch ends it.
 */
export async function receiveUpload(
  source: Readable,
  tmpDir: string,
  watch: UploadWatch,
): Promise<ReceivedUpload> {
  await mkdir(tmpDir, { recursive: true });
  const path = join(tmpDir, `upload-${randomBytes(12).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  let lastChunkAt = Date.now();
  // Our own stream is the one failed: the parser's may already be destroyed without having said so.
  const watchdog = setInterval(() => {
    if (source.destroyed && !source.readableEnded)
      tap.destroy(new Error('the body ended inside the file part'));
    else if (Date.now() - lastChunkAt > watch.idleTimeoutMs)
      tap.destroy(new Error(`no bytes for ${watch.idleTimeoutMs} ms`));
  }, WATCH_INTERVAL_MS);
  const tap: Transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      lastChunkAt = Date.now();
      hash.update(chunk);
      size += chunk.length;
      if (head.length < MAGIC_BYTES_NEEDED)
        head = Buffer.concat([head, chunk.subarray(0, MAGIC_BYTES_NEEDED - head.length)]);
      done(null, chunk);
    },
  });
  // The parser's stream is fed to the tap by hand, not as pipeline()'s first stage. A body cut inside the file
  // part hands us that stream already ended (push(null)) and destroyed before 'end' was emitted; pipeline()
  // then waits for that 'end' before it settles, and on Node 24 (unlike 20) an early close of a later stage no
  // longer settles it either, so the upload hung even after the watchdog destroyed the tap.
  source.on('error', (error: Error) => tap.destroy(error));
  source.pipe(tap);
  try {
    await pipeline(tap, createWriteStream(path));
  } catch (error) {
    source.unpipe(tap);
    source.destroy();
    await rm(path, { force: true });
    throw error;
  } finally {
    clearInterval(watchdog);
  }
  return { path, sha256: hash.digest('hex'), size, head };
}
