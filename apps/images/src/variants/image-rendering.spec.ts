import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { jpegWithExif } from '@harvest/images/testing';
import { VARIANT_PRESETS, allVariants } from './domain/variant-presets';
import { renderVariants } from './image-rendering';

/** One pipeline per variant, decoding the file each time: what renderVariants must produce, byte for byte. */
async function referenceVariant(path: string, size: number, format: 'webp' | 'jpeg'): Promise<Buffer> {
  const resized = sharp(path)
    .rotate()
    .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true });
  return (
    format === 'webp' ? resized.webp({ quality: 80 }) : resized.jpeg({ quality: 82, progressive: true })
  ).toBuffer();
}

describe('renderVariants', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'harvest-rendering-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const photo = async (name: string, bytes: Promise<Buffer>) => {
    const path = join(dir, name);
    await writeFile(path, await bytes);
    return path;
  };

  // Only the plain JPEG is larger than every preset; the other kinds (EXIF turn, alpha, CMYK) are exercised at
  // 640 px, above two presets and below the third (no enlargement), so the case costs a quarter of the pixels:
  // at 900 px the CMYK case alone took over 5 s on a loaded 2-core machine.
  it.each([
    ['a JPEG', () => jpegWithExif(1200, 900, 5)],
    [
      'a JPEG turned by EXIF',
      async () =>
        sharp(await jpegWithExif(640, 480, 6))
          .withMetadata({ orientation: 6 })
          .jpeg()
          .toBuffer(),
    ],
    [
      'a PNG with alpha',
      async () =>
        sharp(await jpegWithExif(640, 427, 7))
          .ensureAlpha(0.5)
          .png()
          .toBuffer(),
    ],
    [
      'a CMYK JPEG',
      async () =>
        sharp(await jpegWithExif(640, 427, 8))
          .toColourspace('cmyk')
          .jpeg()
          .toBuffer(),
    ],
    [
      'an image smaller than every preset',
      async () =>
        sharp(await jpegWithExif(120, 90, 9))
          .jpeg()
          .toBuffer(),
    ],
  ])('renders %s once per preset into the same bytes as one pipeline per variant', async (name, make) => {
    const path = await photo(name.replace(/\W+/g, '-'), make());
    const rendered = await renderVariants(path, 25_000_000);
    expect(rendered.map(({ preset, format }) => ({ preset, format }))).toEqual(allVariants());
    for (const variant of rendered) {
      const expected = await referenceVariant(path, VARIANT_PRESETS[variant.preset], variant.format);
      expect(variant.bytes.equals(expected)).toBe(true);
      const meta = await sharp(variant.bytes).metadata();
      expect([variant.width, variant.height]).toEqual([meta.width, meta.height]);
    }
  });
});
