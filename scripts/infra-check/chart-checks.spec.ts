import { checkManifests } from './chart-structure';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test fixtures are edited freely
type Doc = Record<string, any>;

const values = { secretName: 'harvest-secrets', services: [{ name: 'orders', port: 3002 }] };

function manifests(): Doc[] {
  const labels = { 'app.kubernetes.io/name': 'orders' };
  const probe = (path: string) => ({ httpGet: { path, port: 'http' } });
  const deployment = {
    kind: 'Deployment',
    metadata: { name: 'harvest-orders' },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'orders',
              ports: [{ name: 'http', containerPort: 3002 }],
              readinessProbe: probe('/health/ready'),
              livenessProbe: probe('/health/live'),
              resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
              securityContext: {
                runAsNonRoot: true,
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              env: ['DB_PASSWORD'].map((name) => ({
                name,
                valueFrom: { secretKeyRef: { name: 'harvest-secrets', key: name.toLowerCase() } },
              })),
              envFrom: [{ configMapRef: { name: 'harvest-config' } }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
  return [
    { kind: 'ConfigMap', metadata: { name: 'harvest-config' }, data: { DB_HOSTS: 'a:3306' } },
    deployment,
    { kind: 'Service', metadata: { name: 'harvest-orders' }, spec: { selector: labels } },
    {
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'harvest-orders' },
      spec: { scaleTargetRef: { name: 'harvest-orders' } },
    },
    {
      kind: 'PodDisruptionBudget',
      metadata: { name: 'harvest-orders' },
      spec: { selector: { matchLabels: labels } },
    },
  ];
}

const container = (docs: Doc[]) => docs[1].spec.template.spec.containers[0];

describe('chart structural checks', () => {
  it('accept a service with every required object and setting', () => {
    expect(checkManifests(manifests(), values)).toEqual([]);
  });

  it('name a secret given as a literal, a missing PDB, a writable root and a wrong probe path', () => {
    const docs = manifests().filter((d) => d.kind !== 'PodDisruptionBudget');
    container(docs).env.push({ name: 'PAYMENT_CALLBACK_SECRET', value: 'hunter2' });
    container(docs).securityContext.readOnlyRootFilesystem = false;
    container(docs).livenessProbe.httpGet.path = '/healthz';
    expect(checkManifests(docs, values)).toEqual(
      expect.arrayContaining([
        'orders: no PodDisruptionBudget harvest-orders',
        'orders/orders: PAYMENT_CALLBACK_SECRET is not a secretKeyRef',
        'orders/orders: readOnlyRootFilesystem is not true',
        'orders/orders: livenessProbe is not an httpGet on /health/live',
      ]),
    );
  });

  it('refuse a Secret rendered by the chart and a password in a ConfigMap', () => {
    const docs = [...manifests(), { kind: 'Secret', metadata: { name: 's' } }];
    docs[0].data = { ...docs[0].data, DB_PASSWORD: 'x' };
    expect(checkManifests(docs, values)).toEqual([
      'ConfigMap harvest-config carries DB_PASSWORD: it belongs in the Secret',
      'Secret s is rendered by the chart: secrets are referenced, never shipped',
    ]);
  });
});
