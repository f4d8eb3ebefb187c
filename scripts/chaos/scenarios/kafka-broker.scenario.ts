/**
 * Kafka brokers killed (SIGKILL) under order load, KILLS times per run, each aimed at the leader of another
 * order.placed partition and at another moment of the relay's cycle (KILL_DELAYS_MS after the cluster is whole
 * again). Every acknowledged order wrote order.placed to its outbox; the relay publishes with acks=all to topics
 * at RF 3, min ISR 2. Two truths (issue 15): the topic itself (every outbox row marked published since the
 * window began, looked up in order.placed by event id: lost even if no consumer listened) and a consumer
 * standing in for a downstream service (event-ledger.ts) applying each through the inbox. CHAOS_CPU_HOG=1 keeps
 * both cores busy for the whole scenario.
 */
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { CHAOS_RUN_DIR, SCHEMA_PREFIX, WARM_UP_MS } from '../chaos-settings';
import { CpuHog } from '../cpu-hog';
import { EventLedger } from '../event-ledger';
import { harness, killPidFile, sleep, waitFor } from '../harness-cli';
import { failureSummary, underLoad } from '../load-window';
import { log, type Scenario } from '../scenario';
import { orderPlacedTopicTruth, topicState } from '../topic-truth';

const KILLS = 5;
/** Dead long enough for the controller to fence the broker (KRaft session 9 s) and move its partitions' leaders. */
const DOWN_MS = 12_000;
/** After the previous broker is back in sync: spread over the relay's poll (250 ms) and batch round trips. */
const KILL_DELAYS_MS = [0, 400, 900, 1500, 2200];
const PARTITIONS = 6;

export const kafkaBrokerScenario: Scenario = {
  name: 'kafka',
  fault: `Kafka broker killed ${KILLS}× (partition leaders)`,
  bar: 'all 0',
  async run(context) {
    await harness('up', 'kafka_cluster');
    const hog = new CpuHog();
    if (CpuHog.requested()) log('kafka', `CPU hog: ${hog.start()} spinning processes`);
    const ledger = new EventLedger(context.db);
    await ledger.start();
    try {
      const window = await underLoad(context, 'kafka', [], async () => {
        for (let kill = 0; kill < KILLS; kill++) {
          await sleep(KILL_DELAYS_MS[kill]!);
          const { leader } = await topicState('order.placed', kill % PARTITIONS);
          const victim = leader > 0 ? leader : 1 + (kill % 3);
          const pid = killPidFile(join(CHAOS_RUN_DIR, 'kafka', `chaos-kafka-${victim}`, 'kafka.pid'));
          log(
            'kafka',
            `kill ${kill + 1}/${KILLS}: chaos-kafka-${victim} (pid ${pid}, leader of order.placed/${kill % PARTITIONS})`,
          );
          await sleep(DOWN_MS);
          await harness('up', 'kafka_cluster');
          await waitFor(
            'order.placed back to three in-sync replicas',
            async () => (await topicState('order.placed', 0)).inSync,
            120_000,
            500,
          );
        }
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
      const topic = await orderPlacedTopicTruth(context.db, new Date(window.faultAt - WARM_UP_MS - 60_000));
      return {
        fault: this.fault,
        figures: [
          ['lost (topic)', topic.lost],
          ['lost (consumer)', lost],
          ['effects duplicated', duplicated],
        ],
        bar: this.bar,
        pass:
          topic.lost === 0 &&
          lost === 0 &&
          duplicated === 0 &&
          window.truth.lost === 0 &&
          window.orders.problem === null,
        notes: [
          ...(window.orders.problem ? [`order load not valid: ${window.orders.problem}`] : []),
          `${eventIds.length} order.placed events checked end to end; ${ledger.redeliveries} redeliveries absorbed by the inbox; ` +
            `${window.orders.attempts} order attempts (failed: ${failureSummary(window.orders.failures)})` +
            (window.orders.extraSlots
              ? `; ${window.orders.extraSlots} more delivery slots opened as one filled`
              : ''),
          `topic: ${topic.published} outbox rows marked published checked in order.placed by event id, ` +
            `${topic.lost} absent, ${topic.extraCopies} extra copies (re-sends after unclear answers)` +
            (CpuHog.requested() ? '; CPU hog on' : ''),
        ],
      };
    } finally {
      hog.stop();
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
