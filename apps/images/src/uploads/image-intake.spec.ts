import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { receiveUpload } from './image-intake';

describe('receiveUpload', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'harvest-intake-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps the bytes, their SHA-256 and the first bytes of a complete upload', async () => {
    const received = await receiveUpload(Readable.from([Buffer.from('abc'), Buffer.from('def')]), dir, {
      idleTimeoutMs: 1000,
    });
    expect(received).toMatchObject({
      size: 6,
      sha256: 'bef57ec7f53a6d40beb640a780a639c83bc29ac8a9816f1fc6c5c6dcd93c4721',
      head: Buffer.from('abcdef'),
    });
    expect(await readFile(received.path, 'utf8')).toBe('abcdef');
  });

  // What the multipart parser hands over when the body is cut inside the file part: ended, then destroyed
  // before anyone read it, so 'end' never comes. On Node 24 this hung the upload for ever (the test times out).
  it('rejects a stream that was ended and destroyed before it was read, and leaves no file', async () => {
    const cut = new Readable({ read() {} });
    cut.push(Buffer.from('partial'));
    cut.push(null);
    cut.destroy();
    await expect(receiveUpload(cut, dir, { idleTimeoutMs: 1000 })).rejects.toThrow(
      'the body ended inside the file part',
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects a stream that stops sending bytes', async () => {
    const stalled = new Readable({ read() {} });
    stalled.push(Buffer.from('first bytes'));
    await expect(receiveUpload(stalled, dir, { idleTimeoutMs: 200 })).rejects.toThrow('no bytes for 200 ms');
    expect(stalled.destroyed).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });
});
