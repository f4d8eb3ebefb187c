/**
 * Structural test of charts/harvest without helm: renders the templates for each values file with the
 * subset renderer in chart-render.ts, parses the result with PyYAML (installed with ansible/yamllint),
 * and checks what a platform team relies on. Prints one line per problem; exits 1 if there is any.
 *
 *   node -r @swc-node/register scripts/infra-check/chart-structure.ts [chartDir]
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChartRenderer, mergeValues } from './chart-render';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML of any shape, checked field by field below
type Doc = Record<string, any>;

const SECRET_NAME = /SECRET|PASSWORD|TOKEN|API_KEY|PRIVATE/i;

function parseYaml(text: string, label: string): Doc[] {
  const script =
    'import sys, json, yaml; print(json.dumps([d for d in yaml.safe_load_all(sys.stdin) if d is not None]))';
  try {
    return JSON.parse(execFileSync('python3', ['-c', script], { input: text, encoding: 'utf8' }));
  } catch (error) {
    throw new Error(
      `${label}: rendered YAML does not parse: ${(error as Error).message.split('\n').slice(-3).join(' ')}`,
    );
  }
}

export function renderChart(chartDir: string, valuesFiles: string[]): Doc[] {
  const values = valuesFiles
    .map((file) => parseYaml(readFileSync(join(chartDir, file), 'utf8'), file)[0] ?? {})
    .reduce(mergeValues, {});
  const templateDir = join(chartDir, 'templates');
  const files = readdirSync(templateDir).sort();
  const renderer = new ChartRenderer(
    files
      .filter((f) => f.startsWith('_'))
      .map((file) => ({ file, source: readFileSync(join(templateDir, file), 'utf8') })),
  );
  const docs: Doc[] = [];
  for (const file of files.filter((f) => !f.startsWith('_') && f.endsWith('.yaml'))) {
    const rendered = renderer.render(file, readFileSync(join(templateDir, file), 'utf8'), values);
    docs.push(...parseYaml(rendered, `${file} with ${valuesFiles.join(' + ')}`));
  }
  return docs;
}

/** Returns one message per problem found in the rendered manifests. */
export function checkManifests(docs: Doc[], values: Doc): string[] {
  const problems: string[] = [];
  const find = (kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata?.name === name);
  const configMaps = new Set(docs.filter((d) => d.kind === 'ConfigMap').map((d) => d.metadata.name));

  for (const doc of docs) {
    if (doc.kind === 'Secret')
      problems.push(
        `Secret ${doc.metadata?.name} is rendered by the chart: secrets are referenced, never shipped`,
      );
    if (doc.kind === 'ConfigMap') {
      for (const key of Object.keys(doc.data ?? {})) {
        if (SECRET_NAME.test(key))
          problems.push(`ConfigMap ${doc.metadata.name} carries ${key}: it belongs in the Secret`);
      }
    }
  }

  for (const service of values.services as Doc[]) {
    const name = `harvest-${service.name}`;
    const deployment = find('Deployment', name);
    for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']) {
      if (!find(kind, name)) problems.push(`${service.name}: no ${kind} ${name}`);
    }
    const hpa = find('HorizontalPodAutoscaler', name);
    if (hpa && hpa.spec?.scaleTargetRef?.name !== name)
      problems.push(`${service.name}: HPA does not target ${name}`);
    const selector = deployment?.spec?.selector?.matchLabels ?? {};
    for (const kind of ['Service', 'PodDisruptionBudget']) {
      const doc = find(kind, name);
      const sel = kind === 'Service' ? doc?.spec?.selector : doc?.spec?.selector?.matchLabels;
      if (doc && JSON.stringify(sel) !== JSON.stringify(selector))
        problems.push(`${service.name}: ${kind} selector differs from the Deployment's`);
    }
    if (!deployment) continue;
    const pod = deployment.spec.template.spec;
    const podLabels = deployment.spec.template.metadata?.labels ?? {};
    for (const [key, value] of Object.entries(selector)) {
      if (podLabels[key] !== value)
        problems.push(`${service.name}: pod labels do not match the selector ${key}`);
    }
    const podSecurity = pod.securityContext ?? {};
    if (podSecurity.runAsNonRoot !== true)
      problems.push(`${service.name}: pod securityContext.runAsNonRoot is not true`);
    if (podSecurity.seccompProfile?.type !== 'RuntimeDefault')
      problems.push(`${service.name}: pod seccompProfile is not RuntimeDefault`);

    for (const container of pod.containers as Doc[]) {
      const where = `${service.name}/${container.name}`;
      const port = container.ports?.find((p: Doc) => p.containerPort === service.port);
      if (!port) problems.push(`${where}: does not expose containerPort ${service.port}`);
      const probe = (p: Doc | undefined, path: string, label: string) => {
        const target = p?.httpGet?.port;
        if (p?.httpGet?.path !== path) problems.push(`${where}: ${label} is not an httpGet on ${path}`);
        else if (target !== service.port && target !== port?.name)
          problems.push(`${where}: ${label} probes port ${target}, not the service port`);
      };
      probe(container.readinessProbe, '/health/ready', 'readinessProbe');
      probe(container.livenessProbe, '/health/live', 'livenessProbe');

      for (const side of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (!container.resources?.[side]?.[resource])
            problems.push(`${where}: resources.${side}.${resource} missing`);
        }
      }
      const sc = container.securityContext ?? {};
      if (sc.runAsNonRoot !== true) problems.push(`${where}: runAsNonRoot is not true`);
      if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`);
      if (sc.allowPrivilegeEscalation !== false)
        problems.push(`${where}: allowPrivilegeEscalation is not false`);
      if (JSON.stringify(sc.capabilities?.drop) !== '["ALL"]' || sc.capabilities?.add)
        problems.push(`${where}: capabilities must drop ALL and add none`);
      if (
        sc.seccompProfile?.type !== 'RuntimeDefault' &&
        podSecurity.seccompProfile?.type !== 'RuntimeDefault'
      ) {
        problems.push(`${where}: seccompProfile is not RuntimeDefault`);
      }
      if (sc.privileged) problems.push(`${where}: privileged`);

      const tmp = container.volumeMounts?.find((m: Doc) => m.mountPath === '/tmp');
      const tmpVolume = pod.volumes?.find((v: Doc) => v.name === tmp?.name);
      if (!tmpVolume?.emptyDir)
        problems.push(`${where}: /tmp is not a writable emptyDir (the root filesystem is read-only)`);

      const env = (container.env ?? []) as Doc[];
      for (const variable of env) {
        if (SECRET_NAME.test(variable.name) && !variable.valueFrom?.secretKeyRef) {
          problems.push(`${where}: ${variable.name} is not a secretKeyRef`);
        }
        if (variable.valueFrom?.secretKeyRef && variable.valueFrom.secretKeyRef.name !== values.secretName) {
          problems.push(
            `${where}: ${variable.name} refers to Secret ${variable.valueFrom.secretKeyRef.name}, not ${values.secretName}`,
          );
        }
      }
      for (const required of ['DB_PASSWORD']) {
        if (!env.some((v) => v.name === required && v.valueFrom?.secretKeyRef))
          problems.push(`${where}: ${required} not from the Secret`);
      }
      // Services verify tokens with the issuer's public keys; a shared signing secret must not come back.
      if (env.some((v) => v.name === 'JWT_SECRET'))
        problems.push(`${where}: JWT_SECRET is set (services verify, never sign: issue 18)`);
      const envFrom = (container.envFrom ?? []) as Doc[];
      if (!envFrom.some((e) => e.configMapRef?.name === 'harvest-config'))
        problems.push(`${where}: no envFrom of the shared ConfigMap`);
      for (const ref of envFrom) {
        if (ref.configMapRef && !configMaps.has(ref.configMapRef.name))
          problems.push(`${where}: envFrom names missing ConfigMap ${ref.configMapRef.name}`);
      }
    }
  }
  return problems;
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
    const values = files
      .map((f) => parseYaml(readFileSync(join(chartDir, f), 'utf8'), f)[0] ?? {})
      .reduce(mergeValues, {}) as Doc;
    const problems = checkManifests(docs, values);
    const kinds = docs.reduce<Record<string, number>>(
      (count, d) => ({ ...count, [d.kind]: (count[d.kind] ?? 0) + 1 }),
      {},
    );
    console.log(
      `chart ${files.join(' + ')}: ${docs.length} manifests (${Object.entries(kinds)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')})`,
    );
    for (const problem of problems) console.log(`  problem: ${problem}`);
    failed += problems.length;
  }
  if (failed > 0) {
    console.error(`chart structure: ${failed} problem(s)`);
    process.exit(1);
  }
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(`chart structure: ${(error as Error).message}`);
    process.exit(1);
  }
}
