import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAGIC_BYTES_NEEDED } from './domain/image-type';

export interface ReceivedUpload {
  /** The upload as received, on local disk. */
  path: string;
  sha256: string;
  size: number;
  /** The first bytes, for the type check. */
  head: Buffer;
}

/**
 * Streams an upload to a temporary file while hashing it and keeping its first bytes, so a 10 MB upload
 * never sits whole in memory. The caller removes the file.
 */
export async function receiveUpload(source: Readable, tmpDir: string): Promise<ReceivedUpload> {
  await mkdir(tmpDir, { recursive: true });
  const path = join(tmpDir, `upload-${randomBytes(12).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      if (head.length < MAGIC_BYTES_NEEDED) head = Buffer.concat([head, chunk.subarray(0, MAGIC_BYTES_NEEDED - head.length)]);
      done(null, chunk);
    },
  });
  await pipeline(source, tap, createWriteStream(path));
  return { path, sha256: hash.digest('hex'), size, head };
}
