import { DomainError } from '@harvest/platform/errors';

export class CategoryNotFoundError extends DomainError {
  constructor(id: string) {
    super('not-found', 'category-not-found', `No category ${id}.`);
  }
}

/** The category id is taken (found first, or by the primary key when a concurrent create won). */
export class CategoryExistsError extends DomainError {
  constructor(id: string) {
    super('conflict', 'category-exists', `Category ${id} already exists.`, { extensions: { field: 'id' } });
  }
}
