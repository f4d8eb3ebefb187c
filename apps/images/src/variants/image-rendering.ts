import sharp from 'sharp';
import { CONTENT_TYPE_OF, type ImageType } from '../images/domain/image-type';
import {
  VARIANT_FORMATS,
  VARIANT_PRESETS,
  type VariantFormat,
  type VariantPreset,
} from './domain/variant-presets';

// Decoded pixels are not kept between images: memory stays bounded by the image in hand.
sharp.cache(false);

export interface ImageHeader {
  width: number;
  height: number;
}

export interface RenderedVariant {
  preset: VariantPreset;
  format: VariantFormat;
  bytes: Buffer;
  width: number;
  height: number;
}

/**
 * Reads width and height from the file's header only: nothing is decoded. Dimensions are as shown, after
 * the EXIF orientation (5-8 turn the image a quarter), since the stored original is turned upright.
 */
export async function readImageHeader(path: string): Promise<ImageHeader> {
  const { width, height, orientation } = await sharp(path).metadata();
  if (!width || !height) throw new Error('no dimensions in the header');
  return (orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
}

/**
 * The original, re-encoded with EXIF (and every other metadata block) removed, turned upright first
 * (EXIF orientation), in its own format. sharp writes no metadata unless asked to.
 */
export async function renderOriginal(
  path: string,
  type: ImageType,
  maxPixels: number,
  outPath: string,
): Promise<number> {
  const image = sharp(path, { limitInputPixels: maxPixels, failOn: 'error' }).rotate();
  const encoded =
    type === 'jpeg'
      ? image.jpeg({ quality: 92 })
      : type === 'png'
        ? image.png()
        : image.webp({ quality: 92 });
  const info = await encoded.toFile(outPath);
  return info.size;
}

/**
 * Every preset in every format, never enlarged beyond the original; each variant is small enough to hold.
 * Each preset is decoded and resized once, to raw pixels, and those are encoded in both formats: the same
 * bytes as a pipeline per variant (checked by the rendering spec), at two decodes fewer per format pair.
 */
export async function renderVariants(path: string, maxPixels: number): Promise<RenderedVariant[]> {
  const rendered: RenderedVariant[] = [];
  for (const [preset, size] of Object.entries(VARIANT_PRESETS) as Array<[VariantPreset, number]>) {
    const { data, info } = await sharp(path, { limitInputPixels: maxPixels, failOn: 'error' })
      .rotate()
      .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixels = () =>
      sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    for (const format of VARIANT_FORMATS) {
      const encoded =
        format === 'webp'
          ? pixels().webp({ quality: 80 })
          : pixels().jpeg({ quality: 82, progressive: true });
      const { data: bytes, info: out } = await encoded.toBuffer({ resolveWithObject: true });
      rendered.push({ preset, format, bytes, width: out.width, height: out.height });
    }
  }
  return rendered;
}

export const VARIANT_CONTENT_TYPE: Record<VariantFormat, string> = {
  webp: CONTENT_TYPE_OF.webp,
  jpeg: CONTENT_TYPE_OF.jpeg,
};
