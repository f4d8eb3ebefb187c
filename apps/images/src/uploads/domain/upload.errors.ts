import { DomainError } from '@harvest/platform/errors';

// The images API names the offending part as a top-level `field` member, or lists parts under `errors` as a
// validation failure does (as it always has), so both are extensions here: DomainError's own `field` option
// would add an `errors` list of its own.

/** The multipart body ended, or stalled, before the file part was read to its end. */
export class MalformedUploadError extends DomainError {
  constructor(reason: string) {
    super('invalid', 'malformed-upload', `The multipart body could not be read to its end: ${reason}`, {
      extensions: { field: 'file' },
    });
  }
}

export class MissingFilePartError extends DomainError {
  constructor() {
    super('invalid', 'validation-failed', 'The multipart body has no part named "file"', {
      extensions: { errors: [{ field: 'file', message: 'required' }] },
    });
  }
}

/** The first part is not the file `file`. */
export class UnexpectedPartError extends DomainError {
  constructor(name: string) {
    super('invalid', 'validation-failed', `Unexpected multipart part "${name}": only "file" is accepted`, {
      extensions: { errors: [{ field: name, message: 'is not allowed' }] },
    });
  }
}

/** Another part follows the file: one file per upload. */
export class ExtraPartError extends DomainError {
  constructor(name: string) {
    super(
      'invalid',
      'validation-failed',
      `The multipart body has a part "${name}" after the file: send one part, named "file", per upload`,
      { extensions: { errors: [{ field: name, message: 'is not allowed: one file per upload' }] } },
    );
  }
}

/** The bytes claim an accepted type but the decoder cannot read them. */
export class UndecodableImageError extends DomainError {
  constructor(reason: string) {
    super('unprocessable', 'undecodable-image', `The image could not be read: ${reason}`, {
      extensions: { field: 'file' },
    });
  }
}

/** Too many pixels to decode safely (a decompression bomb), judged from the header alone. */
export class ImagePixelLimitError extends DomainError {
  constructor(width: number, height: number, limit: number) {
    super(
      'unprocessable',
      'image-pixel-limit',
      `The image is ${width}×${height} (${width * height} pixels); at most ${limit} pixels are accepted`,
      { extensions: { field: 'file', width, height, limitPixels: limit } },
    );
  }
}
