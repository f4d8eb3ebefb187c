import { join } from 'node:path';
import { renderChart } from '../../scripts/infra-check/chart-structure';
import { ROOT, startTsProcess, waitUntilAnswering, type BenchProcess } from './child-process';
import type { BenchRun } from './bench-run';

const MAIN = {
  catalog: 'apps/catalog/src/main.ts',
  orders: 'apps/orders/src/main.ts',
  images: 'apps/images/src/main.ts',
} as const;

/**
 * NODE_OPTIONS production gives the service (its ConfigMap as charts/harvest renders it with values.yaml), e.g.
 * catalog's heap cap: memory and GC depend on it, so every row runs the service under the same options.
 */
export function productionNodeOptions(service: keyof typeof MAIN): string {
  const configMap = renderChart(join(ROOT, 'charts/harvest'), ['values.yaml']).find(
    (doc) => doc.kind === 'ConfigMap' && doc.metadata?.name === `harvest-${service}-config`,
  );
  return String(configMap?.data?.NODE_OPTIONS ?? '');
}

/** Starts a service's real main.ts as its own process (as scripts/run/run-services.ts does) and waits for readiness. */
export async function startService(
  run: BenchRun,
  service: keyof typeof MAIN,
  port: number,
  env: NodeJS.ProcessEnv,
  label: string = service,
): Promise<BenchProcess> {
  const child = startTsProcess(
    label,
    MAIN[service],
    { ...run.serviceEnv, NODE_OPTIONS: productionNodeOptions(service), HTTP_PORT: String(port), ...env },
    [],
    run.serviceNodeArgs,
  );
  try {
    await waitUntilAnswering(child, `http://127.0.0.1:${port}/health/ready`);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return child;
}

/** A raw baseline server (bench/baselines/*.baseline.ts) as its own process, ready once `/ready` answers. */
export async function startBaseline(
  name: string,
  entry: string,
  port: number,
  env: NodeJS.ProcessEnv,
): Promise<BenchProcess> {
  const child = startTsProcess(name, entry, { ...env, PORT: String(port) });
  try {
    await waitUntilAnswering(child, `http://127.0.0.1:${port}/ready`, 60_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return child;
}
