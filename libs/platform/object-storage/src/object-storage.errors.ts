/** The storage tier cannot be reached: the caller answers 503 and may try again later. */
export class ObjectStorageUnavailableError extends Error {
  override readonly name = 'ObjectStorageUnavailableError';
}

export class ObjectNotFoundError extends Error {
  override readonly name = 'ObjectNotFoundError';
  constructor(readonly id: string) {
    super(`no stored object ${id}`);
  }
}
