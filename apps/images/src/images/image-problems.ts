import { ProblemException } from '@harvest/platform/http';

/** The images service's domain errors as problem+json, one place so every route says the same thing. */
const problem = (status: number, slug: string, detail: string, extra: Record<string, unknown> = {}) =>
  new ProblemException(status, { type: `urn:harvest:problem:${slug}`, detail, ...extra });

export const ImageProblems = {
  notMultipart: () =>
    problem(415, 'not-multipart', 'Send the image as multipart/form-data with one part named "file"', {
      field: 'file',
    }),
  missingFile: () =>
    problem(400, 'validation-failed', 'The multipart body has no part named "file"', {
      errors: [{ field: 'file', message: 'required' }],
    }),
  unexpectedPart: (name: string) =>
    problem(400, 'validation-failed', `Unexpected multipart part "${name}": only "file" is accepted`, {
      errors: [{ field: name, message: 'is not allowed' }],
    }),
  extraPart: (name: string) =>
    problem(
      400,
      'validation-failed',
      `The multipart body has a part "${name}" after the file: send one part, named "file", per upload`,
      { errors: [{ field: name, message: 'is not allowed: one file per upload' }] },
    ),
  malformedUpload: (reason: string) =>
    problem(400, 'malformed-upload', `The multipart body could not be read to its end: ${reason}`, {
      field: 'file',
    }),
  tooLarge: (limit: number) =>
    problem(413, 'image-too-large', `The file is larger than ${limit} bytes`, {
      field: 'file',
      limitBytes: limit,
    }),
  unsupportedType: (looksLike: string, claimed: string | null) =>
    problem(
      415,
      'unsupported-image-type',
      `Only JPEG, PNG and WebP images are accepted; the bytes of this file are ${looksLike}` +
        (claimed ? ` although its name ends in .${claimed}` : ''),
      { field: 'file', detected: looksLike },
    ),
  undecodable: (reason: string) =>
    problem(422, 'undecodable-image', `The image could not be read: ${reason}`, { field: 'file' }),
  tooManyPixels: (width: number, height: number, limit: number) =>
    problem(
      422,
      'image-pixel-limit',
      `The image is ${width}×${height} (${width * height} pixels); at most ${limit} pixels are accepted`,
      { field: 'file', width, height, limitPixels: limit },
    ),
  storageUnavailable: (reason: string) =>
    problem(
      503,
      'image-storage-unavailable',
      `Image storage is unavailable, nothing was saved; try again shortly (${reason})`,
    ),
  notFound: (what: string) => problem(404, 'not-found', `No ${what}`),
  signatureInvalid: () =>
    problem(403, 'signed-url-invalid', 'The URL is not signed, or its signature does not match'),
  signatureExpired: () =>
    problem(403, 'signed-url-expired', 'The signed URL has expired; ask for a fresh one'),
};
