/** The image formats we accept, detected from the bytes; never from the name or the Content-Type. */
export type ImageType = 'jpeg' | 'png' | 'webp';

export const MAGIC_BYTES_NEEDED = 16;

export interface SniffResult {
  type: ImageType | null;
  /** For a rejection: what the bytes look like instead, e.g. "HTML", "SVG", "GIF". */
  looksLike: string;
}

/** Reads the signature at the start of a file. */
export function sniffImageType(head: Buffer): SniffResult {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { type: 'jpeg', looksLike: 'JPEG' };
  if (
    head.length >= 8 &&
    head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return { type: 'png', looksLike: 'PNG' };
  }
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP')
    return { type: 'webp', looksLike: 'WebP' };
  return { type: null, looksLike: describeOther(head) };
}

function describeOther(head: Buffer): string {
  if (head.length === 0) return 'an empty file';
  const text = head.toString('latin1').trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('svg'))) return 'SVG';
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<'))
    return 'HTML or XML';
  if (text.startsWith('gif8')) return 'GIF';
  if (text.startsWith('%pdf')) return 'PDF';
  if (text.startsWith('riff')) return 'a RIFF file that is not WebP';
  return 'an unknown format';
}

/** The extension a client's filename claims, for the message when it disagrees with the bytes. */
export function claimedExtension(filename: string | undefined): string | null {
  const match = /\.([A-Za-z0-9]{1,6})$/.exec(filename ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

export const EXTENSION_OF: Record<ImageType, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };
export const CONTENT_TYPE_OF: Record<ImageType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
