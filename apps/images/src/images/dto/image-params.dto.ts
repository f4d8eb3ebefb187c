import { Matches } from 'class-validator';

const IMAGE_ID = /^[0-9a-f]{24}$/;
const PRODUCT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class ImageIdParams {
  @Matches(IMAGE_ID, { message: 'must be an image id (24 lowercase hex digits)' })
  id!: string;
}

export class ImageProductParams extends ImageIdParams {
  @Matches(PRODUCT_ID, { message: 'must be 1-64 letters, digits, "-" or "_"' })
  productId!: string;
}

export class ProductParams {
  @Matches(PRODUCT_ID, { message: 'must be 1-64 letters, digits, "-" or "_"' })
  productId!: string;
}
