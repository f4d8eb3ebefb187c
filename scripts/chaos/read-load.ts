/** Continuous catalog reads through HAProxy: product detail (the cached path) and search (Elasticsearch path). */
import { FRONT_DOOR } from './chaos-settings';

export interface ReadResult {
  kind: 'product' | 'search';
  status: number | 'network';
  /** Search only: which engine answered ("elasticsearch", or "in-process" when it fell back). */
  engine?: string;
  at: number;
}

export class ReadLoad {
  readonly results: ReadResult[] = [];
  private running = false;
  private workers: Promise<void>[] = [];

  constructor(
    private readonly productIds: string[],
    private readonly searchTerms: string[],
    private readonly kinds: ReadResult['kind'][] = ['product', 'search'],
  ) {}

  start(clients = 2): void {
    this.running = true;
    for (let i = 0; i < clients; i++) this.workers.push(this.client(i));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
    this.workers = [];
  }

  count(predicate: (r: ReadResult) => boolean): number {
    return this.results.filter(predicate).length;
  }

  private async client(offset: number): Promise<void> {
    let n = offset;
    while (this.running) {
      const kind = this.kinds[n % this.kinds.length];
      const url =
        kind === 'product'
          ? `${FRONT_DOOR}/catalog/products/${this.productIds[n % this.productIds.length]}`
          : `${FRONT_DOOR}/catalog/search?q=${encodeURIComponent(this.searchTerms[n % this.searchTerms.length])}`;
      n++;
      this.results.push(await this.read(kind, url));
    }
  }

  private async read(kind: ReadResult['kind'], url: string): Promise<ReadResult> {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
      const text = await response.text();
      const engine =
        kind === 'search' && response.ok ? (JSON.parse(text) as { engine?: string }).engine : undefined;
      return { kind, status: response.status, engine, at: Date.now() };
    } catch {
      return { kind, status: 'network', at: Date.now() };
    }
  }
}
