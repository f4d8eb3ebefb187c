import { domainErrorProblem } from '@harvest/platform/http';
import { CategoryExistsError, CategoryNotFoundError } from './category-errors';

describe('category errors as problems', () => {
  it('answers an unknown category 404 and a taken id 409 naming the field', () => {
    expect(domainErrorProblem(new CategoryNotFoundError('fruit')).problem).toEqual({
      type: 'urn:harvest:problem:category-not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No category fruit.',
    });
    expect(domainErrorProblem(new CategoryExistsError('fruit')).problem).toEqual({
      type: 'urn:harvest:problem:category-exists',
      title: 'Conflict',
      status: 409,
      detail: 'Category fruit already exists.',
      field: 'id',
    });
  });
});
