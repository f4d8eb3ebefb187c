import sharp from 'sharp';

/** A 1600×1200 photo-like JPEG (gradients and shapes, about what a product photo costs to decode). */
export async function basePhoto(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">
    <defs><radialGradient id="g" cx="40%" cy="40%" r="70%"><stop offset="0" stop-color="#f6d365"/><stop offset="1" stop-color="#2f7336"/></radialGradient></defs>
    <rect width="1600" height="1200" fill="url(#g)"/>
    ${Array.from({ length: 40 }, (_, i) => `<circle cx="${(i * 397) % 1600}" cy="${(i * 211) % 1200}" r="${40 + (i % 7) * 15}" fill="#c0392b" fill-opacity="0.${(i % 8) + 1}"/>`).join('')}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}

/**
 * The same photo with a distinct EXIF description per index: different bytes (the images service stores each
 * as a new image instead of answering "already stored"), identical pixels (same decode and encode work).
 */
export function distinctCopies(photo: Buffer, count: number): Promise<Buffer[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      sharp(photo)
        .withExif({ IFD0: { ImageDescription: `bench upload ${i}` } })
        .jpeg({ quality: 88 })
        .toBuffer(),
    ),
  );
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
