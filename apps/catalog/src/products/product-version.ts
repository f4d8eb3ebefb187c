import { ProblemException } from '@harvest/platform/http';

/** The ETag of a product row version: a strong validator, since the version changes with every write. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version an If-Match header names. Missing → 428 (an update must say what it read); unreadable → 400;
 * the comparison with the current version (412) is the caller's.
 */
export function versionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new ProblemException(428, {
      type: 'urn:harvest:problem:precondition-required',
      detail: 'Send If-Match with the ETag of the product you read.',
    });
  }
  const match = /^(?:W\/)?"?(\d{1,10})"?$/.exec(header.trim());
  if (!match) {
    throw new ProblemException(400, {
      type: 'urn:harvest:problem:validation-failed',
      detail: 'If-Match must be an ETag this service issued, e.g. "3".',
      errors: [{ field: 'If-Match', message: 'must be an ETag such as "3"' }],
    });
  }
  return Number(match[1]);
}

export function assertCurrentVersion(expected: number, current: number): void {
  if (expected !== current) {
    throw new ProblemException(412, {
      type: 'urn:harvest:problem:stale-version',
      detail: `The product changed since you read it (you sent version ${expected}, it is now ${current}); read it again.`,
      currentVersion: current,
    });
  }
}
