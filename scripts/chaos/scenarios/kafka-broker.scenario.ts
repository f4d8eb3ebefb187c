/**
 * One Kafka broker killed (SIGKILL) under order load. Every acknowledged order wrote order.placed to its
 * outbox; the relay publishes with acks=all to topics at RF 3, min ISR 2, and a consumer standing in for a
 * downstream service (event-ledger.ts) applies each through the inbox. Figures: order.placed events of the
 * window that never took effect (lost), and effects applied more than once (duplicated).
 */
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { CHAOS_RUN_DIR, SCHEMA_PREFIX } from '../chaos-settings';
import { EventLedger } from '../event-ledger';
import { harness, killPidFile, sleep, waitFor } from '../harness-cli';
import { failureSummary, underLoad } from '../load-window';
import { log, type Scenario } from '../scenario';

const VICTIM = 'chaos-kafka-1';
const DOWN_MS = 20_000;

export const kafkaBrokerScenario: Scenario = {
  name: 'kafka',
  fault: 'one Kafka broker killed',
  bar: 'both 0',
  async run(context) {
    await harness('up', 'kafka_cluster');
    const ledger = new EventLedger(context.db);
    await ledger.start();
    try {
      const window = await underLoad(context, 'kafka', [], async () => {
        const pid = killPidFile(join(CHAOS_RUN_DIR, 'kafka', VICTIM, 'kafka.pid'));
        log('kafka', `killed ${VICTIM} (pid ${pid}); ${DOWN_MS / 1000}s on two brokers`);
        await sleep(DOWN_MS);
        await harness('up', 'kafka_cluster');
      });
      const orderIds = window.orders.acked.map((o) => o.orderId);
      const eventIds = await placedEventIds(context, orderIds);
      log(
        'kafka',
        `${eventIds.length} order.placed events for ${orderIds.length} acknowledged orders; waiting for the relay and the consumer`,
      );
      let applied = new Map<string, number>();
      await waitFor(
        'every order.placed of the window applied by the ledger',
        async () => {
          applied = await ledger.applied(eventIds);
          return applied.size === eventIds.length;
        },
        90_000,
        1_000,
      ).catch(() => undefined);
      const lost = eventIds.filter((id) => !applied.has(id)).length + (orderIds.length - eventIds.length);
      const duplicated = [...applied.values()].filter((n) => n > 1).length;
      return {
        fault: this.fault,
        figures: [
          ['events lost', lost],
          ['effects duplicated', duplicated],
        ],
        bar: this.bar,
        pass: lost === 0 && duplicated === 0 && window.truth.lost === 0 && window.orders.problem === null,
        notes: [
          ...(window.orders.problem ? [`order load not valid: ${window.orders.problem}`] : []),
          `${eventIds.length} order.placed events checked end to end; ${ledger.redeliveries} redeliveries absorbed by the inbox; ` +
            `${window.orders.attempts} order attempts (failed: ${failureSummary(window.orders.failures)})`,
        ],
      };
    } finally {
      await ledger.stop();
    }
  },
};

async function placedEventIds(
  context: { db: import('../truth-db').TruthDb },
  orderIds: string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < orderIds.length; i += 500) {
    const chunk = orderIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await context.db.query<RowDataPacket>(
      `SELECT event_id FROM ${SCHEMA_PREFIX}orders.outbox_event WHERE topic = 'order.placed' AND event_key IN (${chunk.map(() => '?').join(',')})`,
      chunk,
    );
    ids.push(...rows.map((r) => String(r.event_id)));
  }
  return ids;
}
