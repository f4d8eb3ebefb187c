/**
 * MySQL primary killed (SIGKILL, `harness stop mha-primary`) under order load; MHA promotes a candidate and
 * the services find the new writer (read_only=OFF) in DB_HOSTS. Figures: the longest stretch without an
 * acknowledged order; acknowledged orders missing from the new primary; keys with more than one order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../chaos-settings';
import { harness, harnessQuiet, waitFor } from '../harness-cli';
import { failureSummary, underLoad } from '../load-window';
import { log, seconds, type Scenario } from '../scenario';

/** The manager's last [error] line (MHA logs to .cache/run/mha/manager/harvest.log, the mha component's). */
function managerError(): string {
  try {
    const lines = readFileSync(join(ROOT, '.cache/run/mha/manager/harvest.log'), 'utf8').split('\n');
    return (
      lines
        .filter((l) => l.includes('[error]'))
        .pop()
        ?.replace(/^.*\[error\]\S*\s*/, '') ?? 'no [error] line in its log'
    );
  } catch {
    return 'its log .cache/run/mha/manager/harvest.log is missing';
  }
}

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
      try {
        await waitFor(
          'MHA promotes a new primary',
          async () => {
            const status = (await harnessQuiet('status')).output;
            promoted = primaryOf(status);
            if (promoted === null && /manager=stopped/.test(status))
              throw new Error(`MHA gave up: ${managerError()}`);
            return promoted !== null && promoted !== before;
          },
          120_000,
          1_000,
        );
      } catch (error) {
        // Leave a working database for the scenarios after this one.
        log('mysql', `${(error as Error).message}; re-forming the topology`);
        await harness('up', 'mha').catch(() => undefined);
        throw error;
      }
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
      pass: lost === 0 && duplicates === 0 && window.orders.abandoned === 0 && window.orders.problem === null,
      notes: [
        ...(window.orders.problem ? [`order load not valid: ${window.orders.problem}`] : []),
        `primary ${before} → ${promoted}; ${window.truth.acknowledged} acknowledged orders, ${window.orders.attempts} attempts ` +
          `(failed: ${failureSummary(window.orders.failures)}), ${window.orders.abandoned} keys abandoned, ` +
          `${window.truth.unacknowledgedStored} stored orders no client saw acknowledged`,
      ],
    };
  },
};
