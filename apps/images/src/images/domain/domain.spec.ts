import { claimedExtension, sniffImageType } from './image-type';
import { allVariants, parseVariantName, variantFileName } from './variant-presets';
import { antiStealToken, checkAntiStealToken, withoutGroup } from './url-signature';

describe('image type from magic bytes', () => {
  it.each([
    ['ffd8ffe000104a46494600', 'jpeg'],
    ['89504e470d0a1a0a0000000d', 'png'],
    [Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1').toString('hex'), 'webp'],
  ])('%s is %s', (hex, type) => {
    expect(sniffImageType(Buffer.from(hex, 'hex')).type).toBe(type);
  });

  it.each([
    ['<svg xmlns="http://www.w3.org/2000/svg">', 'SVG'],
    ['<?xml version="1.0"?><svg>', 'SVG'],
    ['<!DOCTYPE html><html>', 'HTML or XML'],
    ['GIF89a', 'GIF'],
    ['%PDF-1.7', 'PDF'],
    ['RIFF....WAVE', 'a RIFF file that is not WebP'],
    ['', 'an empty file'],
  ])('%j is rejected as %s', (text, looksLike) => {
    expect(sniffImageType(Buffer.from(text, 'latin1'))).toEqual({ type: null, looksLike });
  });

  it('reads the extension a filename claims', () => {
    expect(claimedExtension('photo.JPG')).toBe('jpg');
    expect(claimedExtension('noext')).toBeNull();
    expect(claimedExtension(undefined)).toBeNull();
  });
});

describe('variant presets', () => {
  it('knows only the whitelist', () => {
    expect(parseVariantName('thumb.webp')).toEqual({ preset: 'thumb', format: 'webp' });
    expect(parseVariantName('detail.jpeg')).toEqual({ preset: 'detail', format: 'jpeg' });
    expect(parseVariantName('list.jpg')).toEqual({ preset: 'list', format: 'jpeg' });
    for (const name of ['huge.webp', 'thumb.png', '160.webp', 'constructor.webp', 'thumb', '../thumb.webp']) {
      expect(parseVariantName(name)).toBeNull();
    }
  });

  it('six variants, named as they are served', () => {
    expect(allVariants().map(variantFileName)).toEqual([
      'thumb.webp',
      'thumb.jpg',
      'list.webp',
      'list.jpg',
      'detail.webp',
      'detail.jpg',
    ]);
  });
});

describe('anti-steal token (FastDFS style)', () => {
  const secret = 'FastDFS1234567890';
  const id = 'M00/00/00/wKgBAAAAAAAAAAAAAAAAAAAAAAA.jpg';

  it('is md5(file id without group + secret + timestamp)', () => {
    // md5 -s "M00/00/00/wKgBAAAAAAAAAAAAAAAAAAAAAAA.jpgFastDFS12345678901700000000"
    expect(antiStealToken(id, secret, 1_700_000_000)).toBe('ad06d34fcedf940b0e2f3ab8b9bca5a3');
    expect(withoutGroup(`group1/${id}`)).toBe(id);
  });

  it('valid within the TTL, expired after it, invalid when tampered or missing', () => {
    const token = antiStealToken(id, secret, 1000);
    expect(checkAntiStealToken(id, secret, { ts: '1000', token }, 900, 1900)).toBe('valid');
    expect(checkAntiStealToken(id, secret, { ts: '1000', token }, 900, 1901)).toBe('expired');
    expect(checkAntiStealToken(id, secret, { ts: '1001', token }, 900, 1000)).toBe('invalid');
    expect(checkAntiStealToken(`${id}x`, secret, { ts: '1000', token }, 900, 1000)).toBe('invalid');
    expect(checkAntiStealToken(id, 'other', { ts: '1000', token }, 900, 1000)).toBe('invalid');
    expect(checkAntiStealToken(id, secret, { ts: '1000' }, 900, 1000)).toBe('invalid');
    expect(checkAntiStealToken(id, secret, { ts: '1e3', token }, 900, 1000)).toBe('invalid');
    expect(
      checkAntiStealToken(id, secret, { ts: '5000', token: antiStealToken(id, secret, 5000) }, 900, 1000),
    ).toBe('invalid');
  });
});
