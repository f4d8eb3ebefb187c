/**
 * MySQL primary killed (SIGKILL, `harness stop mha-primary`) under order load; MHA promotes a candidate and
 * the services find the new writer (read_only=OFF) in DB_HOSTS. Figures: the longest stretch without an
 * acknowledged order; acknowledged orders missing from the new primary; keys with more than one order.
 */
import { harness, harnessQuiet, waitFor } from '../harness-cli';
import { failureSummary, underLoad } from '../load-window';
import { log, seconds, type Scenario } from '../scenario';

const primaryOf = (status: string) => /^mha\b.*primary=(127\.0\.0\.1:\d+)/m.exec(status)?.[1] ?? null;

export const mysqlPrimaryScenario: Scenario = {
  name: 'mysql',
  fault: 'MySQL primary killed, MHA promotes',
  bar: 'lost 0, duplicates 0',
  async run(context) {
    if (context.mhaProblem) {
      return {
        fault: this.fault,
        figures: [['not run', context.mhaProblem]],
        bar: this.bar,
        pass: false,
        notes: [`MySQL scenario FAILED: the MHA component is not usable (${context.mhaProblem})`],
      };
    }
    await harness('up', 'mha');
    const before = primaryOf((await harnessQuiet('status')).output);
    let promoted: string | null = null;
    const window = await underLoad(context, 'mysql', [], async () => {
      await harness('stop', 'mha-primary');
      log('mysql', `killed primary ${before}; waiting for MHA to promote`);
      await waitFor(
        'MHA promotes a new primary',
        async () => {
          promoted = primaryOf((await harnessQuiet('status')).output);
          return promoted !== null && promoted !== before;
        },
        120_000,
        1_000,
      );
      log('mysql', `MHA promoted ${promoted}; re-forming the topology`);
      await harness('up', 'mha');
    });
    const gap = window.orders.longestGapMs(window.faultAt, window.endedAt);
    const { lost, duplicates } = window.truth;
    return {
      fault: this.fault,
      figures: [
        ['seconds without writes', seconds(gap)],
        ['acknowledged orders lost', lost],
        ['duplicated orders', duplicates],
      ],
      bar: this.bar,
      pass: lost === 0 && duplicates === 0 && window.orders.abandoned === 0,
      notes: [
        `primary ${before} → ${promoted}; ${window.truth.acknowledged} acknowledged orders, ${window.orders.attempts} attempts ` +
          `(failed: ${failureSummary(window.orders.failures)}), ${window.orders.abandoned} keys abandoned, ` +
          `${window.truth.unacknowledgedStored} stored orders no client saw acknowledged`,
      ],
    };
  },
};
