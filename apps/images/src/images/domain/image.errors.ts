import { DomainError } from '@harvest/platform/errors';

/** Something the caller asked for that does not exist: `No <what>`, as every images route says it. */
export class ImageNotFoundError extends DomainError {
  constructor(what: string) {
    super('not-found', 'not-found', `No ${what}`);
  }
}

/** Object storage (FastDFS, or the local disk) did not answer; nothing was saved. */
export class ImageStorageUnavailableError extends DomainError {
  constructor(reason: string) {
    super(
      'unavailable',
      'image-storage-unavailable',
      `Image storage is unavailable, nothing was saved; try again shortly (${reason})`,
    );
  }
}
