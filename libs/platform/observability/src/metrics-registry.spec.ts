import { defineCounter, metricsRegistry } from './metrics-registry';

describe('metrics registry', () => {
  it('returns the registered counter when a library defines it again instead of throwing', async () => {
    const first = defineCounter('harvest_test_events_total', 'Events seen by the test.', ['outcome']);
    const again = defineCounter('harvest_test_events_total', 'Events seen by the test.', ['outcome']);
    expect(again).toBe(first);
    again.inc({ outcome: 'ok' }, 2);
    expect(await metricsRegistry.getSingleMetricAsString('harvest_test_events_total')).toContain(
      'harvest_test_events_total{outcome="ok"} 2',
    );
  });
});
