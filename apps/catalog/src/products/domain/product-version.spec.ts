import { DomainError } from '@harvest/platform/errors';
import { domainErrorProblem, STATUS_BY_DOMAIN_ERROR_KIND } from '@harvest/platform/http';
import {
  assertCurrentVersion,
  etagOf,
  StaleVersionError,
  UnreadableVersionError,
  VersionRequiredError,
  versionFromIfMatch,
} from './product-version';

const statusOf = (run: () => unknown): number | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? STATUS_BY_DOMAIN_ERROR_KIND[error.kind] : -1;
  }
};

describe('product versions as ETags', () => {
  it('reads back the ETag it issued, weak or strong', () => {
    expect(versionFromIfMatch(etagOf(7))).toBe(7);
    expect(versionFromIfMatch('W/"7"')).toBe(7);
  });

  it('asks for If-Match when missing (428) and refuses garbage (400)', () => {
    expect(statusOf(() => versionFromIfMatch(undefined))).toBe(428);
    expect(statusOf(() => versionFromIfMatch('*'))).toBe(400);
  });

  it('refuses a stale version with 412', () => {
    expect(statusOf(() => assertCurrentVersion(3, 4))).toBe(412);
    expect(statusOf(() => assertCurrentVersion(4, 4))).toBeUndefined();
  });

  it('answers as problems with the types and members clients rely on', () => {
    expect(domainErrorProblem(new StaleVersionError(3, 4)).problem).toEqual({
      type: 'urn:harvest:problem:stale-version',
      title: 'Precondition Failed',
      status: 412,
      detail: 'The product changed since you read it (you sent version 3, it is now 4); read it again.',
      currentVersion: 4,
    });
    expect(domainErrorProblem(new VersionRequiredError()).problem).toMatchObject({
      type: 'urn:harvest:problem:precondition-required',
      title: 'Precondition Required',
      status: 428,
    });
    expect(domainErrorProblem(new UnreadableVersionError()).problem).toEqual({
      type: 'urn:harvest:problem:validation-failed',
      title: 'Bad Request',
      status: 400,
      detail: 'If-Match must be an ETag this service issued, e.g. "3".',
      errors: [{ field: 'If-Match', message: 'must be an ETag such as "3"' }],
    });
  });
});
