import type { ImageRecord } from '../images.service';
import type { ImageUrlsService } from '../../image-urls/image-urls.service';
import { variantFileName } from '../../variants/domain/variant-presets';

/** What the storefront, apps and agents see: dimensions and signed variant URLs, nothing about storage. */
export function publicImageView(record: ImageRecord, urls: ImageUrlsService) {
  return {
    id: record.image.id,
    width: record.image.width,
    height: record.image.height,
    variants: record.variants.map((v) => ({
      name: variantFileName(v),
      preset: v.preset,
      format: v.format,
      width: v.width,
      height: v.height,
      ...urls.sign(v),
    })),
  };
}

/** What staff see: the public view plus hash, sizes, stored file ids, product links and the uploader. */
export function adminImageView(record: ImageRecord, urls: ImageUrlsService) {
  const view = publicImageView(record, urls);
  return {
    ...view,
    sha256: record.image.sha256,
    format: record.image.format,
    uploadBytes: record.image.uploadBytes,
    originalBytes: record.image.originalBytes,
    originalObjectId: record.image.originalObjectId,
    uploadedBy: record.image.uploadedBy,
    createdAt: record.image.createdAt,
    productIds: record.productIds,
    variants: view.variants.map((v, i) => ({
      ...v,
      bytes: record.variants[i]!.bytes,
      objectId: record.variants[i]!.objectId,
    })),
  };
}
