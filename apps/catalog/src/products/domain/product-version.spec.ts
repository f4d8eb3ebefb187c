import { DomainError } from '@harvest/platform/errors';
import { STATUS_BY_DOMAIN_ERROR_KIND } from '@harvest/platform/http';
import { assertCurrentVersion, etagOf, versionFromIfMatch } from './product-version';

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
});
