/**
 * Would the services start with the environment the chart gives them? Renders charts/harvest for each values
 * file, builds each Deployment's environment (its ConfigMaps, literal env, and a stand-in value of valid
 * length for each secretKeyRef), then runs the services' own validation: the platform's loadServiceConfig
 * and each app's config shape. Catches a misspelt driver name, a missing required variable or a bad address
 * list before a pod crash-loops with exit 78.
 *
 *   node -r @swc-node/register scripts/infra-check/chart-env.ts [chartDir]
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Env } from '@harvest/platform/config';
import { loadServiceConfig } from '@harvest/platform/runtime';
import { callcenterConfigShape } from '../../apps/callcenter/src/config/callcenter.config';
import { catalogConfigShape } from '../../apps/catalog/src/config/catalog.config';
import { fulfillmentConfigShape } from '../../apps/fulfillment/src/config/fulfillment.config';
import { imagesConfigShape } from '../../apps/images/src/config/images.config';
import { ordersConfigShape } from '../../apps/orders/src/config/orders.config';
import { renderChart } from './chart-structure';

const appShapes: Record<string, Parameters<typeof loadConfig>[0]> = {
  catalog: catalogConfigShape,
  orders: ordersConfigShape,
  fulfillment: fulfillmentConfigShape,
  callcenter: callcenterConfigShape,
  images: imagesConfigShape,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rendered manifests of any shape
type Doc = Record<string, any>;

/** Stand-in for a secret: long enough for every minimum the services enforce (webhook secrets: 16+). */
const SECRET_STAND_IN = 's'.repeat(48);

function environmentOf(deployment: Doc, configMaps: Map<string, Env>): Env {
  const container = deployment.spec.template.spec.containers[0];
  const env: Env = {};
  for (const source of container.envFrom ?? [])
    Object.assign(env, configMaps.get(source.configMapRef?.name) ?? {});
  for (const variable of container.env ?? []) {
    env[variable.name] = variable.valueFrom?.secretKeyRef ? SECRET_STAND_IN : String(variable.value);
  }
  return env;
}

function describe(error: unknown): string {
  if (error instanceof ConfigError) return error.problems.map((p) => JSON.stringify(p)).join('; ');
  return (error as Error).message;
}

function main(): void {
  const chartDir = process.argv[2] ?? join(__dirname, '../../charts/harvest');
  const valueSets = [
    ['values.yaml'],
    ...readdirSync(chartDir)
      .filter((f) => /^values-.+\.yaml$/.test(f))
      .map((f) => ['values.yaml', f]),
  ];
  let failed = 0;
  for (const files of valueSets) {
    const docs = renderChart(chartDir, files);
    const configMaps = new Map<string, Env>(
      docs.filter((d) => d.kind === 'ConfigMap').map((d) => [d.metadata.name, d.data ?? {}]),
    );
    for (const deployment of docs.filter((d) => d.kind === 'Deployment')) {
      const name = deployment.metadata.labels['app.kubernetes.io/name'];
      const env = environmentOf(deployment, configMaps);
      const port = Number(env.HTTP_PORT);
      const problems: string[] = [];
      try {
        loadServiceConfig({ name, port }, env);
      } catch (error) {
        problems.push(`platform: ${describe(error)}`);
      }
      const shape = appShapes[name];
      if (!shape) problems.push('no config shape known for this service (add it to chart-env.ts)');
      else {
        try {
          loadConfig(shape, env);
        } catch (error) {
          problems.push(`${name}: ${describe(error)}`);
        }
      }
      console.log(
        `chart env ${files.join(' + ')}: ${name} ${problems.length ? 'REJECTED' : 'accepted'} by its config validation`,
      );
      for (const problem of problems) console.log(`  problem: ${problem}`);
      failed += problems.length;
    }
  }
  if (failed > 0) {
    console.error(`chart env: ${failed} problem(s)`);
    process.exit(1);
  }
}

main();
