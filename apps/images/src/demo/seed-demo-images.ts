import type { INestApplicationContext } from '@nestjs/common';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { IMAGES_CONFIG, type ImagesConfig } from '../config/images.config';
import { ImagesService } from '../images/images.service';
import { receiveImage, uploadLimits } from '../uploads/upload-request';
import { UploadsService } from '../uploads/uploads.service';

/** Demo products (ids as the catalog's demo data names them) and a colour to draw each in. */
const DEMO_PICTURES: Array<{ productId: string; fruit: string; leaf: string }> = [
  { productId: 'demo-prod-0001', fruit: '#c62828', leaf: '#2e7d32' },
  { productId: 'demo-prod-0002', fruit: '#f9a825', leaf: '#558b2f' },
  { productId: 'demo-prod-0003', fruit: '#dce775', leaf: '#33691e' },
  { productId: 'demo-prod-0004', fruit: '#ffb74d', leaf: '#2e7d32' },
  { productId: 'demo-prod-0005', fruit: '#fb8c00', leaf: '#1b5e20' },
  { productId: 'demo-prod-0006', fruit: '#ef6c00', leaf: '#388e3c' },
];

/** A simple drawn product photo (1200×1200 JPEG), the same bytes every run. */
export function demoPicture(fruit: string, leaf: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1200">
    <rect width="1200" height="1200" fill="#f5f0e6"/>
    <ellipse cx="600" cy="1010" rx="380" ry="60" fill="#d7ccc8"/>
    <circle cx="600" cy="640" r="360" fill="${fruit}"/>
    <circle cx="480" cy="520" r="90" fill="#ffffff" fill-opacity="0.25"/>
    <path d="M600 290 C 640 170, 760 150, 820 200 C 760 260, 680 280, 600 290 Z" fill="${leaf}"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}

/**
 * Gives the first demo products a picture each, through the real upload path (so variants exist).
 * Idempotent: a product that already has an image is left alone, and the same bytes give the same image.
 */
export async function seedDemoImages(app: INestApplicationContext): Promise<void> {
  const images = app.get(ImagesService);
  const uploads = app.get(UploadsService);
  const limits = uploadLimits(app.get<ImagesConfig>(IMAGES_CONFIG));
  for (const picture of DEMO_PICTURES) {
    if ((await images.findByProduct(picture.productId)).length > 0) continue;
    const bytes = await demoPicture(picture.fruit, picture.leaf);
    const received = await receiveImage(
      { stream: Readable.from([bytes]), filename: `${picture.productId}.jpg`, truncated: () => false },
      limits,
    );
    const { record } = await uploads.upload(received, 'demo-seed');
    await images.link(record.image.id, picture.productId);
  }
}
