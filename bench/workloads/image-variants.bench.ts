import { join } from 'node:path';
import { PORTS, type BenchRun } from '../support/bench-run';
import type { BenchProcess } from '../support/child-process';
import { startBaseline } from '../support/harvest-services';
import { measureAlternating, measureHttp } from '../support/load';
import type { RatioRow } from '../support/ratio-table';
import {
  SAMPLE_PHOTOS,
  distinctCopy,
  multipartUpload,
  samplePhoto,
  type SamplePhotoKind,
} from '../support/sample-images';

/** Uploads per side (plus a warm-up) and in flight: rendering is CPU-bound, so concurrency matches the 2 cores. */
export const IMAGE_LOAD = { rounds: 2, uploadsPerRound: 30, warmup: 6, connections: 2 };

/**
 * Which photo is uploaded: `camera` (default), a 12 MP camera-sized JPEG of a few MB, as product photos are;
 * `small` (BENCH_IMAGE_SAMPLE=small), the 70 KB 1600×1200 picture of the runs before, to compare with them.
 */
function sampleKind(): SamplePhotoKind {
  const kind = process.env.BENCH_IMAGE_SAMPLE ?? 'camera';
  if (!Object.hasOwn(SAMPLE_PHOTOS, kind))
    throw new Error(`BENCH_IMAGE_SAMPLE must be one of ${Object.keys(SAMPLE_PHOTOS).join(', ')}`);
  return kind as SamplePhotoKind;
}

/**
 * Image variant generation: POST /images (auth, multipart to a temporary file, hash, type check, sharp
 * original + 6 variants, storage on local disk, database rows) against a bare Fastify route doing the same
 * sharp work on the same upload. Every upload is a distinct file with identical pixels.
 */
export async function imageVariantsRow(run: BenchRun, images: BenchProcess): Promise<RatioRow> {
  const photo = await samplePhoto(sampleKind());
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
          // Made per request: a few MB each, too many to hold all at once.
          const i = next++;
          const { body, contentType } = multipartUpload(distinctCopy(photo.jpeg, i), `bench-${i}`);
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
      workload: `image variants, ${sizeLabel(photo.jpeg.length)} ${photo.width}×${photo.height} JPEG → original + 6`,
      unit: 'images/s',
      target: 0.9,
      ours,
      raw: rawMeasured,
      oursRss: { images: images.peakRssMiB() },
      rawRss: { 'fastify+sharp': raw.peakRssMiB() },
    };
  } finally {
    await raw.stop();
  }
}

const sizeLabel = (bytes: number) =>
  bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${bytes >> 10} KB`;
