import type { DependencyCheck, DependencyHealthIndicator } from '@harvest/platform/health';
import type { ObjectStorage } from './object-storage.port';

/**
 * Readiness entry "object-storage". Not critical: every instance shares the same storage, so taking
 * instances out of rotation would not help, and metadata and links still work; uploads answer 503 meanwhile.
 */
export class ObjectStorageHealthIndicator implements DependencyHealthIndicator {
  readonly name = 'object-storage';
  readonly critical = false;

  constructor(private readonly storage: ObjectStorage) {}

  check(): Promise<DependencyCheck> {
    return this.storage.probe();
  }
}
