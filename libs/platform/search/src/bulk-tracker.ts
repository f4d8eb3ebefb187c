import type { estypes } from '@elastic/elasticsearch';
import type { BulkDocumentError, BulkIndexResult, BulkProgress } from './search-index-admin.port';

const KEPT_ERRORS = 100;

/** Running totals of one bulk run: what onProgress reports and what bulkIndex returns. */
export class BulkTracker {
  private indexed = 0;
  private failed = 0;
  private readonly errors: BulkDocumentError[] = [];
  private readonly startedAt: number;

  constructor(private readonly now: () => number = Date.now) {
    this.startedAt = now();
  }

  record(sent: number, refused: readonly BulkDocumentError[]): void {
    this.indexed += sent - refused.length;
    this.failed += refused.length;
    this.errors.push(...refused.slice(0, KEPT_ERRORS - this.errors.length));
  }

  progress(): BulkProgress {
    const elapsedMs = Math.max(this.now() - this.startedAt, 0);
    const processed = this.indexed + this.failed;
    return {
      processed,
      indexed: this.indexed,
      failed: this.failed,
      elapsedMs,
      docsPerSecond: elapsedMs > 0 ? Math.round((processed * 1000) / elapsedMs) : processed,
    };
  }

  result(): BulkIndexResult {
    return { ...this.progress(), errors: [...this.errors] };
  }
}

/** The documents a _bulk response refused, one entry per failed item. */
export function refusedDocuments(response: estypes.BulkResponse): BulkDocumentError[] {
  if (!response.errors) return [];
  const refused: BulkDocumentError[] = [];
  for (const item of response.items) {
    const result = Object.values(item)[0];
    if (!result?.error) continue;
    refused.push({
      id: String(result._id ?? ''),
      status: result.status,
      type: result.error.type,
      reason: result.error.reason ?? undefined,
    });
  }
  return refused;
}

/** Index names are lowercase, without `\ / * ? " < > | , # :` and spaces, and may not start with `-`, `_` or `+`. */
const INDEX_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** `<alias>_v<epoch ms>`: sorts by creation time and says at a glance which alias it belongs to. */
export function versionedIndexName(alias: string, now: number = Date.now()): string {
  if (!INDEX_NAME.test(alias)) {
    throw new Error(
      `"${alias}" cannot name an Elasticsearch alias: use lowercase letters, digits, ".", "_" and "-"`,
    );
  }
  return `${alias}_v${now}`;
}
