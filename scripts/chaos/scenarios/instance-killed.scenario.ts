/**
 * One instance of orders and one of catalog killed (SIGKILL) behind HAProxy under order load and catalog
 * reads. HAProxy redispatches what the dead instance had in flight (idempotent reads, and POSTs with an
 * Idempotency-Key) and its health check takes it out. Figure: client requests that did not get a 2xx.
 */
import { sleep } from '../harness-cli';
import { openRequests, waitForServersUp } from '../haproxy-stats';
import { failureSummary, underLoad } from '../load-window';
import { log, seconds, type Scenario } from '../scenario';

export const instanceKilledScenario: Scenario = {
  name: 'instance',
  fault: 'one service instance killed behind HAProxy',
  bar: 'failed 0',
  async run(context) {
    const victims = ['orders-1', 'catalog-1'].map((name) => context.instances.get(name)!);
    let inFlightAtKill = 0;
    const window = await underLoad(context, 'instance', ['product', 'search'], async () => {
      // The hard case is an order POST the victim is still working on: it has claimed its Idempotency-Key,
      // and HAProxy's redispatch must be able to take that key over on the other instance. Wait for one.
      const deadline = Date.now() + 10_000;
      while ((inFlightAtKill = await openRequests('orders', 'orders-1')) === 0 && Date.now() < deadline)
        await sleep(5);
      for (const victim of victims) victim.kill();
      log(
        'instance',
        `killed ${victims.map((v) => `${v.spec.name} (:${v.spec.port})`).join(' and ')} with ${inFlightAtKill} order request(s) open on orders-1; load continues on the others`,
      );
      await sleep(10_000);
      for (const victim of victims) victim.start();
      await Promise.all(victims.map((v) => v.ready()));
      await waitForServersUp();
      log('instance', 'instances restarted and back in HAProxy');
    });
    const reads = window.reads!;
    const readFailures = reads.count((r) => r.status !== 200);
    const failed = window.orders.failedAttempts + readFailures;
    return {
      fault: this.fault,
      figures: [
        ['failed client requests', failed],
        ['order requests open on the killed instance', inFlightAtKill],
        ['orders that needed a client retry', window.orders.retriedOrders],
        ['longest wait of one', `${seconds(window.orders.longestRetriedWaitMs)}s`],
      ],
      bar: this.bar,
      pass:
        failed === 0 &&
        window.truth.lost === 0 &&
        window.truth.duplicates === 0 &&
        window.orders.problem === null,
      notes: [
        ...(window.orders.problem ? [`order load not valid: ${window.orders.problem}`] : []),
        `${window.orders.attempts} order attempts (failed: ${failureSummary(window.orders.failures)}), ` +
          `${reads.results.length} catalog reads (${readFailures} not 200); acknowledged orders lost ${window.truth.lost}, duplicated ${window.truth.duplicates}`,
        // A 409 here would mean the redispatched request found the dead instance still owning its key
        // (libs/platform/idempotency frees a key when its owner's MySQL connection ends).
        ...(window.orders.failures.has('409 in-progress')
          ? [
              '409 = "Idempotency-Key still in progress": the dead instance still owned a key the redispatched request needed',
            ]
          : []),
      ],
    };
  },
};
