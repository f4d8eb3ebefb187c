import { claimedExtension, sniffImageType } from './image-type';

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
