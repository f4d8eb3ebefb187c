/**
 * The main job: starts every service that exists on the embedded default (MySQL only: events in the
 * database, SQL search, in-process cache, local-disk images), with demo data, waits until each answers
 * its readiness endpoint, prints where they are, and keeps them running until Ctrl-C.
 * `--check` stops them again once all are ready (used by the run-command test).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { SERVICES, type ServiceEntry } from './service-catalog';

const ROOT = resolve(__dirname, '../..');
const RUN_DIR = join(ROOT, '.cache/run/services');
const checkOnly = process.argv.includes('--check');
const READY_TIMEOUT_MS = 120_000;

/**
 * Dev secrets kept between runs (git-ignored), so tokens and signed URLs from one run keep working after a
 * restart. Production takes each from a Secret (charts/harvest); nothing here has a built-in value.
 */
function devSecret(name: string): string {
  const file = join(RUN_DIR, `dev-${name}`);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function startService(service: ServiceEntry, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', service.main], {
    cwd: ROOT,
    env: { ...env, HTTP_PORT: String(service.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `${service.name.padEnd(12)}| `;
  const relay = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) => {
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) out.write(prefix + line + '\n');
    });
  };
  relay(child.stdout!, process.stdout);
  relay(child.stderr!, process.stderr);
  return child;
}

async function waitUntilReady(service: ServiceEntry, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${service.name} exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${service.name} was not ready within ${READY_TIMEOUT_MS / 1000}s`);
}

async function main(): Promise<void> {
  mkdirSync(RUN_DIR, { recursive: true });
  const services = SERVICES.filter((s) => existsSync(join(ROOT, s.main)));
  if (services.length === 0) throw new Error('no service exists yet under apps/');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    JWT_SECRET: process.env.JWT_SECRET ?? devSecret('jwt-secret'),
    PAYMENT_CALLBACK_SECRET: process.env.PAYMENT_CALLBACK_SECRET ?? devSecret('payment-callback-secret'),
    CALLCENTER_WEBHOOK_SECRETS:
      process.env.CALLCENTER_WEBHOOK_SECRETS ?? devSecret('callcenter-webhook-secret'),
    IMAGES_SIGNING_SECRET: process.env.IMAGES_SIGNING_SECRET ?? devSecret('images-signing-secret'),
    EVENTS_TRANSPORT: process.env.EVENTS_TRANSPORT ?? 'embedded',
    SEARCH_DRIVER: process.env.SEARCH_DRIVER ?? 'sql',
    CACHE_DRIVER: process.env.CACHE_DRIVER ?? 'memory',
    SEED_DEMO_DATA: process.env.SEED_DEMO_DATA ?? 'true',
  };
  const children = new Map<ServiceEntry, ChildProcess>();
  const stopAll = () => {
    for (const child of children.values()) if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);

  const started = Date.now();
  console.log(`run: starting ${services.map((s) => s.name).join(', ')} on the embedded default`);
  for (const service of services) children.set(service, startService(service, env));
  try {
    await Promise.all(services.map((s) => waitUntilReady(s, children.get(s)!)));
  } catch (error) {
    stopAll();
    throw error;
  }
  console.log(
    `\nrun: all ${services.length} services ready in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
  for (const s of services)
    console.log(
      `  ${s.name.padEnd(12)} http://127.0.0.1:${s.port}  (API docs: http://127.0.0.1:${s.port}/docs, OpenAPI: /openapi.json, ready: /health/ready, metrics: /metrics)`,
    );
  console.log(
    '  tokens for trying the APIs: npm run token -- --role admin --sub ops-1   (roles: customer agent scanner admin service)',
  );

  if (checkOnly) {
    stopAll();
    await Promise.all(
      [...children.values()].map(
        (c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r))),
      ),
    );
    console.log('run: --check passed; all services answered readiness and were stopped');
    return;
  }
  await Promise.race([...children.values()].map((c) => new Promise((r) => c.once('exit', r))));
  stopAll();
  process.exitCode = 1;
  console.error('run: a service exited; stopped the others');
}

main().catch((error: Error) => {
  console.error(`run: ${error.message}`);
  process.exit(1);
});
