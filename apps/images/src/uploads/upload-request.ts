import { ProblemException, problemType } from '@harvest/platform/http';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { claimedExtension, sniffImageType, type ImageType } from '../images/domain/image-type';
import {
  MalformedUploadError,
  ExtraPartError,
  MissingFilePartError,
  UnexpectedPartError,
} from './domain/upload.errors';
import type { ImagesConfig } from '../config/images.config';
import { receiveUpload } from './image-intake';

// Reading an upload is the HTTP layer's part of it (the controller's "parse"): the body's media type, its
// parts, its size limit and the media type of the file's bytes. 413 and 415 are statuses of the request body
// that no domain error kind stands for, so they are answered here, as they always were; what the upload's
// content breaks (it cannot be decoded, too many pixels) is the service's, as domain errors.

export interface IncomingFile {
  stream: Readable;
  filename?: string;
  /** True once the multipart parser cut the stream at the size limit. */
  truncated: () => boolean;
  /** Resolves when nothing follows the file in the request; throws a problem naming the part that does. */
  nothingAfter?: () => Promise<void>;
}

/** An upload received whole to a temporary file of an accepted type; whoever is handed it removes the file. */
export interface ReceivedImage {
  path: string;
  sha256: string;
  size: number;
  type: ImageType;
}

export interface UploadLimits {
  maxUploadBytes: number;
  tmpDir: string;
  idleTimeoutMs: number;
}

export const uploadLimits = (config: ImagesConfig): UploadLimits => ({
  maxUploadBytes: config.IMAGES_MAX_UPLOAD_BYTES,
  tmpDir: config.IMAGES_TMP_DIR,
  idleTimeoutMs: config.IMAGES_UPLOAD_IDLE_TIMEOUT_MS,
});

const notMultipart = () =>
  new ProblemException(415, {
    type: problemType('not-multipart'),
    detail: 'Send the image as multipart/form-data with one part named "file"',
    field: 'file',
  });

const tooLarge = (limit: number) =>
  new ProblemException(413, {
    type: problemType('image-too-large'),
    detail: `The file is larger than ${limit} bytes`,
    field: 'file',
    limitBytes: limit,
  });

const unsupportedType = (looksLike: string, claimed: string | null) =>
  new ProblemException(415, {
    type: problemType('unsupported-image-type'),
    detail:
      `Only JPEG, PNG and WebP images are accepted; the bytes of this file are ${looksLike}` +
      (claimed ? ` although its name ends in .${claimed}` : ''),
    field: 'file',
    detected: looksLike,
  });

/**
 * The one part `file`, and a check that nothing follows it. Parts are read in order, so another part can
 * only be seen once the file has been received; receiveImage runs the check before anything is stored.
 */
export async function filePartOf(request: FastifyRequest, maxUploadBytes: number): Promise<IncomingFile> {
  if (!request.isMultipart()) throw notMultipart();
  // Room for one part more than accepted, so the extra one arrives with its name and can be named.
  const parts = request.parts({
    limits: { fileSize: maxUploadBytes, files: 2, fields: 1, parts: 2 },
  });
  const next = () =>
    parts.next().catch((error: Error) => {
      throw new MalformedUploadError(error.message);
    });
  const first = await next();
  if (first.done) throw new MissingFilePartError();
  const part = first.value;
  if (part.type !== 'file' || part.fieldname !== 'file') {
    if (part.type === 'file') part.file.resume();
    throw new UnexpectedPartError(part.fieldname);
  }
  const nothingAfter = async () => {
    const after = await next();
    if (after.done) return;
    if (after.value.type === 'file') after.value.file.resume();
    throw new ExtraPartError(after.value.fieldname);
  };
  return {
    stream: part.file,
    filename: part.filename,
    truncated: () => part.file.truncated,
    nothingAfter,
  };
}

/**
 * Receives the file to a temporary file (hashed on the way, never whole in memory) and refuses, with nothing
 * kept, a file cut at the size limit, a part after it, or bytes of a type we do not accept (judged from the
 * bytes, never from the name or the Content-Type).
 */
export async function receiveImage(file: IncomingFile, limits: UploadLimits): Promise<ReceivedImage> {
  const received = await receiveUpload(file.stream, limits.tmpDir, {
    idleTimeoutMs: limits.idleTimeoutMs,
  }).catch((error: Error) => {
    throw new MalformedUploadError(error.message);
  });
  try {
    if (file.truncated()) throw tooLarge(limits.maxUploadBytes);
    await file.nothingAfter?.();
    const sniffed = sniffImageType(received.head);
    if (!sniffed.type) throw unsupportedType(sniffed.looksLike, claimedExtension(file.filename));
    return { path: received.path, sha256: received.sha256, size: received.size, type: sniffed.type };
  } catch (error) {
    await rm(received.path, { force: true });
    throw error;
  }
}
