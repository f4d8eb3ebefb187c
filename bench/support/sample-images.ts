import sharp from 'sharp';

/**
 * The photos the image row uploads. `camera` is what product photos really are (a 12 MP camera or phone
 * JPEG, a few MB); `small` is the 1600×1200 picture the row used before (about 70 KB: smooth shapes, no
 * texture), kept to compare with earlier runs. Both are generated, byte for byte the same on every run.
 */
export const SAMPLE_PHOTOS = {
  camera: { width: 4000, height: 3000, grain: 16, quality: 90 },
  small: { width: 1600, height: 1200, grain: 0, quality: 88 },
} as const;

export type SamplePhotoKind = keyof typeof SAMPLE_PHOTOS;

export interface SamplePhoto {
  kind: SamplePhotoKind;
  width: number;
  height: number;
  jpeg: Buffer;
}

/**
 * A photo-like JPEG: a lit gradient with shapes (what the scene costs to decode), plus, for `camera`,
 * sensor-like grain from a seeded generator, which is what makes a real photo weigh megabytes rather than
 * kilobytes. The camera make and model are in EXIF, as in a camera's file, for the service to strip.
 */
export async function samplePhoto(kind: SamplePhotoKind): Promise<SamplePhoto> {
  const { width, height, grain, quality } = SAMPLE_PHOTOS[kind];
  const scale = width / 1600;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><radialGradient id="g" cx="40%" cy="40%" r="70%"><stop offset="0" stop-color="#f6d365"/><stop offset="1" stop-color="#2f7336"/></radialGradient></defs>
    <rect width="${width}" height="${height}" fill="url(#g)"/>
    ${Array.from({ length: 40 }, (_, i) => `<circle cx="${Math.round(((i * 397) % 1600) * scale)}" cy="${Math.round(((i * 211) % 1200) * scale)}" r="${Math.round((40 + (i % 7) * 15) * scale)}" fill="#c0392b" fill-opacity="0.${(i % 8) + 1}"/>`).join('')}
  </svg>`;
  const scene = sharp(Buffer.from(svg));
  const pixels =
    grain > 0
      ? sharp(withGrain(await scene.removeAlpha().raw().toBuffer(), grain), {
          raw: { width, height, channels: 3 },
        })
      : scene;
  const jpeg = await pixels
    .jpeg({ quality })
    .withExif({ IFD0: { Make: 'FieldCam', Model: 'Harvest bench' } })
    .toBuffer();
  return { kind, width, height, jpeg };
}

/** Adds luminance grain (the same offset on R, G and B of a pixel) of about ±amplitude, from a fixed seed. */
function withGrain(rgb: Buffer, amplitude: number): Buffer {
  let state = 0x9e3779b9; // mulberry32: small, fast, and the same sequence everywhere
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0; i < rgb.length; i += 3) {
    const offset = Math.round((next() + next() - 1) * amplitude);
    for (let c = i; c < i + 3; c++) rgb[c] = Math.min(255, Math.max(0, rgb[c]! + offset));
  }
  return rgb;
}

/**
 * The photo with a JPEG comment naming the upload: different bytes (the images service stores each as a new
 * image instead of answering "already stored"), identical pixels (same decode and encode work). Inserted
 * right after the start-of-image marker, so no copy is re-encoded.
 */
export function distinctCopy(jpeg: Buffer, index: number): Buffer {
  const text = Buffer.from(`bench upload ${index}`, 'latin1');
  const marker = Buffer.alloc(4);
  marker.writeUInt16BE(0xfffe, 0); // COM
  marker.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), marker, text, jpeg.subarray(2)]);
}

/** One multipart/form-data body with the part `file`, as the storefront's admin tool sends it. */
export function multipartUpload(jpeg: Buffer, name: string): { body: Buffer; contentType: string } {
  const boundary = `----harvest-bench-${name}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    jpeg,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
