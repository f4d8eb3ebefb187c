import { ValidationFailedError } from '@harvest/platform/errors';

/** Position after the last item of a page, in the listing order (newest first, then id). Opaque to clients. */
export interface ListingPosition {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: ListingPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.getTime(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): ListingPosition {
  try {
    const [millis, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof millis === 'number' && Number.isInteger(millis) && typeof id === 'string' && id.length > 0) {
      return { createdAt: new Date(millis), id };
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationFailedError([
    { field: 'cursor', message: 'cursor must be a value returned as nextCursor' },
  ]);
}
