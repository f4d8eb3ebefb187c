import { DomainError } from '@harvest/platform/errors';

export class ImportNotFoundError extends DomainError {
  constructor(id: string) {
    super('not-found', 'import-not-found', `No import ${id}.`);
  }
}
