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
import { ConfigError, type Env } from '@harvest/platform/config';
import { loadServiceConfig, type ServiceDefinition } from '@harvest/platform/runtime';
import { callcenterService } from '../../apps/callcenter/src/callcenter.service-definition';
import { catalogService } from '../../apps/catalog/src/catalog.service-definition';
import { fulfillmentService } from '../../apps/fulfillment/src/fulfillment.service-definition';
import { identityService } from '../../apps/identity/src/identity.service-definition';
import { imagesService } from '../../apps/images/src/images.service-definition';
import { ordersService } from '../../apps/orders/src/orders.service-definition';
import { renderChart } from './chart-structure';

/**
 * The definitions the runtime starts: their platform features (`uses`, e.g. sms and its driver's keys) and their
 * own config's load (with the checks across variables, e.g. DEVICE_ENROLLMENT's requirements) are what runs.
 */
const definitions: Record<string, ServiceDefinition> = Object.fromEntries(
  [catalogService, ordersService, fulfillmentService, callcenterService, imagesService, identityService].map(
    (d) => [d.name, d],
  ),
);

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
      const definition = definitions[name];
      if (!definition) problems.push('no service definition known for this name (add it to chart-env.ts)');
      else {
        try {
          loadServiceConfig({ ...definition, port }, env);
        } catch (error) {
          problems.push(describe(error));
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
