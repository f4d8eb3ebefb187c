import { Inject, Injectable } from '@nestjs/common';
import { IMAGES_CONFIG, type ImagesConfig } from '../config/images.config';
import { antiStealToken, checkAntiStealToken, withoutGroup, type TokenCheck } from './domain/url-signature';
import { variantFileName } from '../variants/domain/variant-presets';
import type { ImageVariant } from '../images/entities/image-variant.entity';
import { SignedUrlExpiredError, SignedUrlInvalidError } from './domain/signed-url.errors';

/** Signs and checks variant URLs with the FastDFS anti-steal token over the variant's stored file id. */
@Injectable()
export class ImageUrlsService {
  /** Overridable clock (seconds), for tests of expiry. */
  now: () => number = () => Math.floor(Date.now() / 1000);

  constructor(@Inject(IMAGES_CONFIG) private readonly config: ImagesConfig) {}

  get ttlSeconds(): number {
    return this.config.IMAGES_URL_TTL_SECONDS;
  }

  /** `/images/<id>/thumb.webp?ts=...&token=...`, valid for IMAGES_URL_TTL_SECONDS from now. */
  sign(variant: ImageVariant): { url: string; expiresAt: Date } {
    const ts = this.now();
    const token = antiStealToken(withoutGroup(variant.objectId), this.config.IMAGES_SIGNING_SECRET, ts);
    return {
      url: `/images/${variant.imageId}/${variantFileName(variant)}?ts=${ts}&token=${token}`,
      expiresAt: new Date((ts + this.ttlSeconds) * 1000),
    };
  }

  check(variant: ImageVariant, params: { ts?: string; token?: string }): TokenCheck {
    return checkAntiStealToken(
      withoutGroup(variant.objectId),
      this.config.IMAGES_SIGNING_SECRET,
      params,
      this.ttlSeconds,
      this.now(),
    );
  }

  /** Throws unless the URL's token is valid for the variant now: expired or invalid, both forbidden (403). */
  requireSigned(variant: ImageVariant, params: { ts?: string; token?: string }): void {
    const check = this.check(variant, params);
    if (check === 'expired') throw new SignedUrlExpiredError();
    if (check === 'invalid') throw new SignedUrlInvalidError();
  }
}
