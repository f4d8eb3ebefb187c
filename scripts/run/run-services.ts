/**
 * The main job: starts the embedded OpenID Connect issuer (infra/embedded-issuer) and waits for its discovery
 * document, then every service that exists on the embedded default (MySQL only: events in the database, SQL
 * search, in-process cache, local-disk images), with demo data, verifying the issuer's tokens; waits until
 * each answers its readiness endpoint, prints where they are, and keeps them running until Ctrl-C.
 * `--check` stops them again once all are ready (used by the run-command test).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import {
  DEV_INITIAL_ACCESS_TOKEN,
  EMBEDDED_ISSUER_URL,
  spawnEmbeddedIssuer,
  stopProcess,
  waitForDiscovery,
} from '../../infra/embedded-issuer/client/issuer-process';
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

/** Relays a child's output line by line, each line prefixed with the child's name. */
function relayOutput(name: string, child: ChildProcess): ChildProcess {
  const prefix = `${name.padEnd(12)}| `;
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

/** A service's own client at the issuer, for one that calls another (dev-only secret, as in the realm file). */
function clientEnv(service: ServiceEntry): NodeJS.ProcessEnv {
  return service.callsServices
    ? { AUTH_CLIENT_ID: service.name, AUTH_CLIENT_SECRET: `dev-only-${service.name}-secret` }
    : {};
}

function startService(service: ServiceEntry, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', service.main], {
    cwd: ROOT,
    env: { ...env, ...clientEnv(service), HTTP_PORT: String(service.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return relayOutput(service.name, child);
}

/** The issuer first: services fetch its discovery document (and callcenter its token) as they start. */
async function startIssuer(): Promise<ChildProcess> {
  const taken = await fetch(EMBEDDED_ISSUER_URL).then(
    () => true,
    () => false,
  );
  if (taken)
    throw new Error(`something already answers on ${EMBEDDED_ISSUER_URL}; stop it (an earlier npm start?)`);
  const issuer = relayOutput('issuer', spawnEmbeddedIssuer());
  try {
    await waitForDiscovery(EMBEDDED_ISSUER_URL, issuer);
  } catch (error) {
    issuer.kill('SIGTERM');
    throw error;
  }
  return issuer;
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
    AUTH_ISSUER_URL: EMBEDDED_ISSUER_URL,
    PAYMENT_CALLBACK_SECRET: process.env.PAYMENT_CALLBACK_SECRET ?? devSecret('payment-callback-secret'),
    CALLCENTER_WEBHOOK_SECRETS:
      process.env.CALLCENTER_WEBHOOK_SECRETS ?? devSecret('callcenter-webhook-secret'),
    IMAGES_SIGNING_SECRET: process.env.IMAGES_SIGNING_SECRET ?? devSecret('images-signing-secret'),
    IDENTITY_HASH_SECRET: process.env.IDENTITY_HASH_SECRET ?? devSecret('identity-hash-secret'),
    // Identity asks orders' coverage for an address's zone; orders reads a basket's address from identity.
    IDENTITY_ORDERS_URL: process.env.IDENTITY_ORDERS_URL ?? 'http://127.0.0.1:3002',
    ORDERS_IDENTITY_URL: process.env.ORDERS_IDENTITY_URL ?? 'http://127.0.0.1:3006',
    // Sign-in codes land in .cache/run/sms-outbox.jsonl (the developer's "handset"), not in any log.
    SMS_DRIVER: process.env.SMS_DRIVER ?? 'outbox',
    EVENTS_TRANSPORT: process.env.EVENTS_TRANSPORT ?? 'embedded',
    SEARCH_DRIVER: process.env.SEARCH_DRIVER ?? 'sql',
    CACHE_DRIVER: process.env.CACHE_DRIVER ?? 'memory',
    // The dev web apps: storefront, agent console, scanner app.
    CORS_ORIGINS:
      process.env.CORS_ORIGINS ?? 'http://127.0.0.1:4200,http://127.0.0.1:4300,http://127.0.0.1:4400',
    SEED_DEMO_DATA: process.env.SEED_DEMO_DATA ?? 'true',
    // Scanner enrollment (fulfillment): RFC 7591 registration at the embedded issuer, with the initial access
    // token the issuer was started with (its dev-only default unless ISSUER_INITIAL_ACCESS_TOKEN is set).
    DEVICE_ENROLLMENT: process.env.DEVICE_ENROLLMENT ?? 'dynamic-registration',
    DEVICE_REGISTRATION_TOKEN: process.env.ISSUER_INITIAL_ACCESS_TOKEN ?? DEV_INITIAL_ACCESS_TOKEN,
  };
  const started = Date.now();
  // Ctrl-C meanwhile reaches the issuer too (same process group).
  console.log(`run: starting the embedded issuer on ${EMBEDDED_ISSUER_URL}`);
  const issuer = await startIssuer();
  const children = new Map<ServiceEntry, ChildProcess>();
  const stopAll = () => {
    for (const child of [...children.values(), issuer]) if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);

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
  console.log(
    `  ${'issuer'.padEnd(12)} ${EMBEDDED_ISSUER_URL}  (OpenID Connect: /.well-known/openid-configuration)`,
  );
  for (const s of services)
    console.log(
      `  ${s.name.padEnd(12)} http://127.0.0.1:${s.port}  (API docs: http://127.0.0.1:${s.port}/docs, OpenAPI: /openapi.json, ready: /health/ready, metrics: /metrics)`,
    );
  console.log(
    '  tokens for trying the APIs: npm run token -- --role agent   (roles: customer agent admin scanner service)',
  );
  console.log(
    '  enroll a scanner: demo-supervisor POSTs /fulfillment-centers/fc-beijing-1/devices: README.md, "Enroll a demo scanner"',
  );
  console.log(
    '  sign in as demo-customer or demo-agent (password dev-only-<username>): README.md, "Sign in"',
  );

  if (checkOnly) {
    stopAll();
    await Promise.all([...children.values(), issuer].map(stopProcess));
    console.log('run: --check passed; the issuer and all services answered and were stopped');
    return;
  }
  await Promise.race([...children.values(), issuer].map((c) => new Promise((r) => c.once('exit', r))));
  stopAll();
  process.exitCode = 1;
  console.error('run: a service or the issuer exited; stopped the others');
}

main().catch((error: Error) => {
  console.error(`run: ${error.message}`);
  process.exit(1);
});
