import { domainErrorProblem } from '@harvest/platform/http';
import { ProductExistsError, ProductNotFoundError, SkuExistsError } from './product-errors';

describe('product errors as problems', () => {
  it('answers an unknown product 404 product-not-found', () => {
    expect(domainErrorProblem(new ProductNotFoundError('p-1')).problem).toEqual({
      type: 'urn:harvest:problem:product-not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No product p-1.',
    });
  });

  it('answers a taken product or SKU id 409, naming the field beside the detail', () => {
    expect(domainErrorProblem(new ProductExistsError('p-1')).problem).toEqual({
      type: 'urn:harvest:problem:product-exists',
      title: 'Conflict',
      status: 409,
      detail: 'Product p-1 already exists.',
      field: 'id',
    });
    expect(domainErrorProblem(new SkuExistsError()).problem).toMatchObject({
      type: 'urn:harvest:problem:sku-exists',
      status: 409,
      field: 'skus',
    });
  });
});
