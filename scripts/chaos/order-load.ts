/**
 * Continuous order load through HAProxy, like real apps: each client places one order at a time with its own
 * Idempotency-Key, and retries a failed attempt with the same key (and body) until it is acknowledged.
 */
import { randomUUID } from 'node:crypto';
import { FRONT_DOOR, ORDER_CLIENTS, RETRY_FOR_MS, RETRY_PAUSE_MS } from './chaos-settings';
import { sleep } from './harness-cli';

export interface OrderFixture {
  /** A new delivery slot for one load window (a slot holds at most 10,000 orders). */
  newSlot(): Promise<string>;
  zoneId: string;
  skuIds: string[];
  tokenFor(customerId: string): Promise<string>;
}

export interface AckedOrder {
  orderId: string;
  customerId: string;
  key: string;
  at: number;
}

export class OrderLoad {
  readonly acked: AckedOrder[] = [];
  /** Every attempt that did not get a 2xx, by status ("network" when no answer came). */
  readonly failures = new Map<string, number>();
  attempts = 0;
  /** Orders refused for a business reason (stock, slot, validation): a fixture problem, not a fault's effect. */
  rejected: string[] = [];
  /** Keys given up on after RETRY_FOR_MS: their outcome is unknown to the client. */
  abandoned = 0;
  /** Orders that needed more than one attempt, and the longest any of them waited for its acknowledgement. */
  retriedOrders = 0;
  longestRetriedWaitMs = 0;
  private running = false;
  private workers: Promise<void>[] = [];
  private sequence = 0;
  private slotId = '';
  /** A slot being opened because the current one filled up; every client waits for the same one. */
  private nextSlot?: Promise<void>;
  /** Slots opened after the first filled up (10,000 orders each: a long run with slow broker restarts fills one). */
  extraSlots = 0;

  constructor(
    private readonly fixture: OrderFixture,
    private readonly runId: string,
  ) {}

  async start(clients = ORDER_CLIENTS): Promise<void> {
    this.slotId = await this.fixture.newSlot();
    this.running = true;
    for (let i = 0; i < clients; i++) this.workers.push(this.client(`chaos-${this.runId}-c${i}`));
  }

  /** Stops placing new orders; resolves once every order under way is acknowledged or abandoned. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
    this.workers = [];
  }

  get failedAttempts(): number {
    return [...this.failures.values()].reduce((a, b) => a + b, 0);
  }

  /** Why the window cannot be judged (no order went through, or orders were refused for a business reason). */
  get problem(): string | null {
    if (this.acked.length === 0) return 'no order was acknowledged';
    if (this.rejected.length > 0) return `${this.rejected.length} orders refused, e.g. ${this.rejected[0]}`;
    return null;
  }

  /** Longest stretch without an acknowledged order, in ms, within [from, to]. */
  longestGapMs(from: number, to: number): number {
    const times = [from, ...this.acked.map((o) => o.at).filter((t) => t > from && t < to), to].sort(
      (a, b) => a - b,
    );
    let gap = 0;
    for (let i = 1; i < times.length; i++) gap = Math.max(gap, times[i] - times[i - 1]);
    return gap;
  }

  private async client(customerId: string): Promise<void> {
    const token = await this.fixture.tokenFor(customerId);
    while (this.running) await this.placeOne(customerId, token);
  }

  private async placeOne(customerId: string, token: string): Promise<void> {
    const key = randomUUID();
    const sku = this.fixture.skuIds[this.sequence++ % this.fixture.skuIds.length];
    const body = JSON.stringify({
      address: {
        zoneId: this.fixture.zoneId,
        recipient: 'Chaos Test',
        phone: '13800000000',
        city: 'Beijing',
        street: '1 Load St',
      },
      slotId: this.slotId,
      lines: [{ skuId: sku, quantity: 1 }],
    });
    const firstTry = Date.now();
    let tries = 0;
    while (Date.now() - firstTry < RETRY_FOR_MS) {
      this.attempts++;
      tries++;
      const outcome = await this.attempt(token, key, body);
      if (outcome.orderId) {
        this.acked.push({ orderId: outcome.orderId, customerId, key, at: Date.now() });
        if (tries > 1) {
          this.retriedOrders++;
          this.longestRetriedWaitMs = Math.max(this.longestRetriedWaitMs, Date.now() - firstTry);
        }
        return;
      }
      this.failures.set(outcome.status, (this.failures.get(outcome.status) ?? 0) + 1);
      if (outcome.status === '409 slot-full') {
        // The fixture's slot is full, not the system under test failing: the next orders go to a new slot.
        await this.openNextSlot(body);
        return;
      }
      if (outcome.final) {
        this.rejected.push(`${outcome.status} ${outcome.detail}`);
        return;
      }
      await sleep(RETRY_PAUSE_MS);
    }
    this.abandoned++;
  }

  private async openNextSlot(refusedBody: string): Promise<void> {
    const refusedSlot = (JSON.parse(refusedBody) as { slotId: string }).slotId;
    if (refusedSlot !== this.slotId) return; // another client already moved on
    this.nextSlot ??= this.fixture.newSlot().then((slotId) => {
      this.slotId = slotId;
      this.extraSlots++;
      this.nextSlot = undefined;
    });
    await this.nextSlot;
  }

  private async attempt(token: string, key: string, body: string) {
    try {
      const response = await fetch(`${FRONT_DOOR}/orders/orders`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      if (response.ok)
        return { orderId: (JSON.parse(text) as { id: string }).id, status: String(response.status) };
      // 409 "still in progress" is worth a retry; a business refusal or a validation error is not.
      const inProgress = response.status === 409 && /in progress/i.test(text);
      const final = response.status < 500 && !inProgress && response.status !== 429;
      // The problem type names the refusal (slot-full, out-of-stock, ...), so the notes tell them apart.
      const type = /"type":"[^"]*?([a-z0-9-]+)"/.exec(text)?.[1];
      const status = inProgress
        ? '409 in-progress'
        : type && response.status < 500
          ? `${response.status} ${type}`
          : String(response.status);
      return { status, final, detail: text.slice(0, 200) };
    } catch (error) {
      return { status: 'network', final: false, detail: (error as Error).message };
    }
  }
}
