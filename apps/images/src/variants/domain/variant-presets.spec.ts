import { allVariants, parseVariantName, variantFileName } from './variant-presets';

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
