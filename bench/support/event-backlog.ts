import { connectAsRoot } from '@harvest/testing';

/**
 * Waits until this run's embedded events are all relayed and consumed (every outbox empty, every consumer
 * group at the end of its topics), so a row does not measure the tail of the demo seed's events (e.g. the
 * product-changed consumer dropping cached details while the cache-hit row runs). Read-only.
 */
export async function waitForEventsToSettle(
  eventsSchema: string,
  serviceSchemas: string[],
  timeoutMs = 180_000,
): Promise<void> {
  const root = await connectAsRoot();
  try {
    const deadline = Date.now() + timeoutMs;
    let backlog = -1;
    while (Date.now() < deadline) {
      backlog = 0;
      for (const schema of serviceSchemas) {
        const [rows] = await root.query(
          `SELECT COUNT(*) AS n FROM \`${schema}\`.outbox_event WHERE published_at IS NULL`,
        );
        backlog += Number((rows as Array<{ n: number }>)[0]!.n);
      }
      const [lag] = await root.query(
        `SELECT COALESCE(SUM(GREATEST((SELECT COALESCE(MAX(l.id), 0) FROM \`${eventsSchema}\`.event_log l WHERE l.topic = o.topic) - o.last_id, 0)), 0) AS n
         FROM \`${eventsSchema}\`.event_consumer_offset o`,
      );
      backlog += Number((lag as Array<{ n: number }>)[0]!.n);
      if (backlog === 0) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error(`events did not settle within ${timeoutMs / 1000}s (${backlog} unrelayed or unconsumed)`);
  } finally {
    await root.end();
  }
}
