/** Runs a fault inside a window of continuous load: warm-up, fault and heal, settle, drain, then the truth. */
import { SETTLE_MS, WARM_UP_MS } from './chaos-settings';
import { sleep } from './harness-cli';
import { OrderLoad } from './order-load';
import { orderTruth, type OrderTruth } from './order-truth';
import { ReadLoad, type ReadResult } from './read-load';
import { log, type ScenarioContext } from './scenario';

export interface LoadWindow<T> {
  orders: OrderLoad;
  reads: ReadLoad | null;
  truth: OrderTruth;
  outcome: T;
  faultAt: number;
  healedAt: number;
  endedAt: number;
}

export async function underLoad<T>(
  context: ScenarioContext,
  scenario: string,
  readKinds: ReadResult['kind'][],
  faultAndHeal: (faultAt: number) => Promise<T>,
): Promise<LoadWindow<T>> {
  const prefix = `chaos-${context.runId}-${scenario}`;
  const orders = new OrderLoad(context.fixture, `${context.runId}-${scenario}`);
  const reads =
    readKinds.length > 0
      ? new ReadLoad(context.fixture.productIds, context.fixture.searchTerms, readKinds)
      : null;
  await orders.start();
  reads?.start();
  log(
    scenario,
    `load running (orders${reads ? ` + ${readKinds.join('/')} reads` : ''}); warming up ${WARM_UP_MS / 1000}s`,
  );
  await sleep(WARM_UP_MS);
  const faultAt = Date.now();
  let outcome: T;
  try {
    outcome = await faultAndHeal(faultAt);
  } catch (error) {
    await Promise.all([orders.stop(), reads?.stop()]);
    throw error;
  }
  const healedAt = Date.now();
  log(scenario, `healed; load goes on ${SETTLE_MS / 1000}s, then clients finish their retries`);
  await sleep(SETTLE_MS);
  await Promise.all([orders.stop(), reads?.stop()]);
  const endedAt = Date.now();
  const truth = await orderTruth(context.db, orders, prefix);
  log(
    scenario,
    `${orders.attempts} order attempts, ${truth.acknowledged} acknowledged, ${orders.failedAttempts} failed attempts` +
      (reads ? `, ${reads.results.length} reads` : ''),
  );
  return { orders, reads, truth, outcome, faultAt, healedAt, endedAt };
}

/** Failures as "status×count" for the notes, e.g. "503×4 network×1". */
export function failureSummary(failures: Map<string, number>): string {
  return [...failures].map(([status, n]) => `${status}×${n}`).join(' ') || 'none';
}
