import { ValidationFailedError } from '@harvest/platform/errors';
import { decodeCursor, encodeCursor } from './listing-cursor';

describe('listing cursor', () => {
  it('round-trips the position', () => {
    const position = { createdAt: new Date('2026-11-23T10:00:00.123Z'), id: 'demo-prod-0042' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('refuses a cursor it did not issue, naming the field', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(ValidationFailedError);
    expect(() => decodeCursor(Buffer.from('[1,2]').toString('base64url'))).toThrow(ValidationFailedError);
  });
});
