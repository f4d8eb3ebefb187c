/**
 * The service instances of the chaos topology, started like `npm start` does (TypeScript through
 * @swc-node/register) but on the real adapters: Kafka cluster, Sentinel cache, Elasticsearch, FastDFS, and
 * MySQL under MHA (HA_DB_HOSTS) once that component answers. Logs go to .cache/run/chaos/services/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CHAOS_RUN_DIR,
  ELASTICSEARCH_URL,
  KAFKA_BROKERS,
  ROOT,
  SCHEMA_PREFIX,
  SENTINEL_PORTS,
} from './chaos-settings';
import { TEST_RATE_LIMITS } from '@harvest/testing';
import { httpOk, waitFor } from './harness-cli';

export interface InstanceSpec {
  name: string;
  app: 'catalog' | 'orders' | 'images';
  port: number;
}

/** Two of catalog and orders behind HAProxy (their ports are the app hosts of tier.yml), one images. */
export const INSTANCES: InstanceSpec[] = [
  { name: 'catalog-1', app: 'catalog', port: 3101 },
  { name: 'catalog-2', app: 'catalog', port: 3111 },
  { name: 'orders-1', app: 'orders', port: 3102 },
  { name: 'orders-2', app: 'orders', port: 3112 },
  { name: 'images-1', app: 'images', port: 3105 },
];

export interface TierEnv {
  dbHosts: string;
  fastdfsTrackers: string;
  /** Key of the signed callbacks and webhooks (never of tokens: services only verify those). */
  secret: string;
  /** The issuer whose tokens the instances accept (the runner's in-process TestIssuer). */
  issuerUrl: string;
}

export function instanceEnv(tier: TierEnv, spec: InstanceSpec): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(spec.port),
    HARVEST_DB_PREFIX: SCHEMA_PREFIX,
    DB_HOSTS: tier.dbHosts,
    DB_USER: 'root',
    DB_PASSWORD: '',
    EVENTS_TRANSPORT: 'kafka',
    KAFKA_BROKERS: KAFKA_BROKERS.join(','),
    KAFKA_CLIENT_ID: spec.name,
    CACHE_DRIVER: 'sentinel',
    REDIS_SENTINELS: SENTINEL_PORTS.map((p) => `127.0.0.1:${p}`).join(','),
    REDIS_SENTINEL_NAME: 'harvest',
    SEARCH_DRIVER: 'elasticsearch',
    // Each catalog answers from its in-process index while Elasticsearch is away (issue 28).
    CATALOG_SEARCH_FALLBACK: 'in-process',
    ELASTICSEARCH_URL,
    OBJECT_STORAGE_DRIVER: 'fastdfs',
    FASTDFS_TRACKERS: tier.fastdfsTrackers,
    SEED_DEMO_DATA: 'true',
    AUTH_ISSUER_URL: tier.issuerUrl,
    PAYMENT_CALLBACK_SECRET: tier.secret,
    CALLCENTER_WEBHOOK_SECRETS: tier.secret,
    IMAGES_SIGNING_SECRET: tier.secret,
    IMAGES_TMP_DIR: join(CHAOS_RUN_DIR, 'images-tmp'),
    // The load runs from one address through HAProxy: limits high, still on (a Redis failover must not stop writes).
    ...TEST_RATE_LIMITS,
  };
}

export class ServiceInstance {
  private child: ChildProcess | null = null;

  constructor(
    readonly spec: InstanceSpec,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  start(): void {
    const dir = join(CHAOS_RUN_DIR, 'services');
    mkdirSync(dir, { recursive: true });
    const log = createWriteStream(join(dir, `${this.spec.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${this.spec.app}/src/main.ts`], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.child = child;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Waits for /health/ready. Like a process supervisor, restarts an instance that exits during start-up (a
   * service stops when it finds no writable primary, e.g. while MHA is still promoting), at most 3 times.
   */
  async ready(maxMs = 120_000): Promise<void> {
    let restarts = 0;
    await waitFor(
      `${this.spec.name} ready (log: .cache/run/chaos/services/${this.spec.name}.log)`,
      async () => {
        if (!this.running) {
          if (++restarts > 3)
            throw new Error(
              `${this.spec.name} exited 4 times; see .cache/run/chaos/services/${this.spec.name}.log`,
            );
          console.log(`  ${this.spec.name} exited during start-up; restarting it (${restarts}/3)`);
          this.start();
          return false;
        }
        return httpOk(`http://127.0.0.1:${this.spec.port}/health/ready`);
      },
      maxMs,
      500,
    );
  }

  /** The crash of scenario "instance killed": no shutdown hooks, in-flight requests cut. */
  kill(): void {
    this.child?.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (this.running) child.kill('SIGKILL');
  }
}
