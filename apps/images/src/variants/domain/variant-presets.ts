/** The only sizes we render: the longest side in pixels. Anything else is 404, so nobody can make us render arbitrary sizes. */
export const VARIANT_PRESETS = { thumb: 160, list: 480, detail: 1080 } as const;
export const VARIANT_FORMATS = ['webp', 'jpeg'] as const;

export type VariantPreset = keyof typeof VARIANT_PRESETS;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

export interface VariantName {
  preset: VariantPreset;
  format: VariantFormat;
}

const FILE_EXTENSION: Record<VariantFormat, string> = { webp: 'webp', jpeg: 'jpg' };

export function allVariants(): VariantName[] {
  return (Object.keys(VARIANT_PRESETS) as VariantPreset[]).flatMap((preset) =>
    VARIANT_FORMATS.map((format) => ({ preset, format })),
  );
}

/** `thumb.webp`, `detail.jpg` (or `.jpeg`) → a preset on the list, or null. */
export function parseVariantName(name: string): VariantName | null {
  const match = /^([a-z]+)\.(webp|jpg|jpeg)$/.exec(name);
  if (!match || !Object.hasOwn(VARIANT_PRESETS, match[1]!)) return null;
  return { preset: match[1] as VariantPreset, format: match[2] === 'webp' ? 'webp' : 'jpeg' };
}

export function variantFileName(variant: VariantName): string {
  return `${variant.preset}.${FILE_EXTENSION[variant.format]}`;
}

export function variantExtension(format: VariantFormat): string {
  return FILE_EXTENSION[format];
}
