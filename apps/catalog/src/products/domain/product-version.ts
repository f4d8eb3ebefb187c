import { DomainError } from '@harvest/platform/errors';

/** The ETag of a product row version: a strong validator, since the version changes with every write. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** An update that does not say which version it read (no If-Match): 428. */
export class VersionRequiredError extends DomainError {
  constructor() {
    super(
      'precondition-required',
      'precondition-required',
      'Send If-Match with the ETag of the product you read.',
    );
  }
}

/** An If-Match this service cannot have issued: 400, naming the header as a validation failure does. */
export class UnreadableVersionError extends DomainError {
  constructor() {
    super('invalid', 'validation-failed', 'If-Match must be an ETag this service issued, e.g. "3".', {
      extensions: { errors: [{ field: 'If-Match', message: 'must be an ETag such as "3"' }] },
    });
  }
}

/** The thing changed since the caller read it: 412 with the version it is now. */
export class StaleVersionError extends DomainError {
  constructor(
    readonly expected: number,
    readonly current: number,
  ) {
    super(
      'precondition-failed',
      'stale-version',
      `The product changed since you read it (you sent version ${expected}, it is now ${current}); read it again.`,
      { extensions: { currentVersion: current } },
    );
  }
}

/**
 * The version an If-Match header names. Missing → 428 (an update must say what it read); unreadable → 400;
 * the comparison with the current version (412) is the caller's.
 */
export function versionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw new VersionRequiredError();
  const match = /^(?:W\/)?"?(\d{1,10})"?$/.exec(header.trim());
  if (!match) throw new UnreadableVersionError();
  return Number(match[1]);
}

export function assertCurrentVersion(expected: number, current: number): void {
  if (expected !== current) throw new StaleVersionError(expected, current);
}
