import { join } from 'node:path';
import { PORTS, type BenchRun } from '../support/bench-run';
import type { BenchProcess } from '../support/child-process';
import { startBaseline } from '../support/harvest-services';
import { measureAlternating, measureHttp } from '../support/load';
import type { RatioRow } from '../support/ratio-table';
import { basePhoto, distinctCopies, multipartUpload } from '../support/sample-images';

/** Uploads per side (plus a warm-up) and in flight: rendering is CPU-bound, so concurrency matches the 2 cores. */
export const IMAGE_LOAD = { rounds: 2, uploadsPerRound: 30, warmup: 6, connections: 2 };

/**
 * Image variant generation: POST /images (auth, multipart to a temporary file, hash, type check, sharp
 * original + 6 variants, storage on local disk, database rows) against a bare Fastify route doing the same
 * sharp work on the same upload. Every upload is a distinct file with identical pixels.
 */
export async function imageVariantsRow(run: BenchRun, images: BenchProcess): Promise<RatioRow> {
  const total = IMAGE_LOAD.rounds * IMAGE_LOAD.uploadsPerRound + IMAGE_LOAD.warmup;
  const photo = await basePhoto();
  const copies = await distinctCopies(photo, 2 * total);
  const admin = await run.token('admin', 'bench-admin');
  const raw = await startBaseline(
    'raw-image-variants',
    'bench/baselines/image-variants.baseline.ts',
    PORTS.rawImages,
    {
      TMP_DIR: join(run.workDir, 'raw-images-tmp'),
    },
  );
  try {
    let next = 0;
    const upload = (port: number, pid: number, amount: number) =>
      measureHttp({
        url: `http://127.0.0.1:${port}/images`,
        method: 'POST',
        connections: IMAGE_LOAD.connections,
        amount,
        warmupSeconds: 0,
        cpuPids: [pid],
        nextRequest: () => {
          const i = next++ % copies.length;
          const { body, contentType } = multipartUpload(copies[i]!, `bench-${i}`);
          return {
            method: 'POST',
            path: '/images',
            headers: { 'content-type': contentType, authorization: `Bearer ${admin}` },
            body,
          };
        },
      });
    await upload(PORTS.images, images.pid, IMAGE_LOAD.warmup);
    await upload(PORTS.rawImages, raw.pid, IMAGE_LOAD.warmup);
    const [ours, rawMeasured] = await measureAlternating(
      IMAGE_LOAD.rounds,
      () => upload(PORTS.images, images.pid, IMAGE_LOAD.uploadsPerRound),
      () => upload(PORTS.rawImages, raw.pid, IMAGE_LOAD.uploadsPerRound),
    );
    return {
      workload: `image variants, ${photo.length >> 10} KB 1600×1200 JPEG → original + 6`,
      unit: 'images/s',
      target: 0.8,
      ours,
      raw: rawMeasured,
      oursRss: { images: images.peakRssMiB() },
      rawRss: { 'fastify+sharp': raw.peakRssMiB() },
    };
  } finally {
    await raw.stop();
  }
}
