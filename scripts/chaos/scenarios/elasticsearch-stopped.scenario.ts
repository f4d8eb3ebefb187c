/**
 * Elasticsearch stopped under search load (and orders). Catalog falls back to SQL search, so every search
 * still answers 200. Figures: search answers that were not 200; how many were served by the SQL fallback.
 */
import { harness } from '../harness-cli';
import { underLoad } from '../load-window';
import { log, type Scenario } from '../scenario';

export const elasticsearchStoppedScenario: Scenario = {
  name: 'search',
  fault: 'Elasticsearch stopped',
  bar: 'search errors 0',
  async run(context) {
    await harness('up', 'elasticsearch_ha');
    let downFrom = 0;
    let downTo = 0;
    const window = await underLoad(context, 'search', ['search'], async () => {
      await harness('down', 'elasticsearch_ha');
      downFrom = Date.now();
      log('search', 'Elasticsearch stopped; searching for 15s on the fallback');
      await new Promise((r) => setTimeout(r, 15_000));
      downTo = Date.now();
      await harness('up', 'elasticsearch_ha');
    });
    const reads = window.reads!;
    const errors = reads.count((r) => r.status !== 200);
    const duringOutage = reads.results.filter((r) => r.at > downFrom && r.at < downTo);
    const fallback = duringOutage.filter((r) => r.status === 200 && r.engine !== 'elasticsearch').length;
    return {
      fault: this.fault,
      figures: [
        ['search errors', errors],
        ['answered by the fallback during the outage', `${fallback}/${duringOutage.length}`],
      ],
      bar: this.bar,
      pass:
        errors === 0 &&
        duringOutage.length > 0 &&
        fallback === duringOutage.length &&
        window.orders.problem === null,
      notes: [
        ...(window.orders.problem ? [`order load not valid: ${window.orders.problem}`] : []),
        `${reads.results.length} searches; engines seen: ${[...new Set(reads.results.map((r) => r.engine))].join(', ')}`,
      ],
    };
  },
};
