import { DomainError } from '@harvest/platform/errors';

export class ProductNotFoundError extends DomainError {
  constructor(id: string) {
    super('not-found', 'product-not-found', `No product ${id}.`);
  }
}

/** The product id is taken (found first, or by the primary key when a concurrent create won). */
export class ProductExistsError extends DomainError {
  constructor(id: string) {
    super('conflict', 'product-exists', `Product ${id} already exists.`, { extensions: { field: 'id' } });
  }
}

/** A SKU id of the new product was taken by another product between the check and the insert. */
export class SkuExistsError extends DomainError {
  constructor() {
    super('conflict', 'sku-exists', 'A SKU id of this product was taken by another product meanwhile.', {
      extensions: { field: 'skus' },
    });
  }
}
