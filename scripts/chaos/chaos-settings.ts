/** Addresses of the chaos topology (ports from infra/ansible/inventory/local/tier.yml) and the run's pacing. */
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const CHAOS_RUN_DIR = resolve(ROOT, '.cache/run/chaos');
export const FRONT_DOOR = 'http://127.0.0.1:8088';
export const IMAGES_URL = 'http://127.0.0.1:3105';
export const SCHEMA_PREFIX = 'chaos_';
export const KAFKA_BROKERS = ['127.0.0.1:9101', '127.0.0.1:9102', '127.0.0.1:9103'];
export const REDIS_NODE_PORTS = [6490, 6491];
export const SENTINEL_PORTS = [26490, 26491, 26492];
export const ELASTICSEARCH_URL = 'http://127.0.0.1:9201';
/** The shared MariaDB, used only until the MHA component answers (its HA_DB_HOSTS then win). */
export const FALLBACK_DB_HOSTS = '127.0.0.1:3306';

/** Load runs this long before a fault, so the figures have a baseline. */
export const WARM_UP_MS = 5_000;
/** After the fault is healed, load goes on this long, so recovery is seen under load too. */
export const SETTLE_MS = 5_000;
/** Concurrent clients placing orders, each waiting for its answer before the next (closed loop). */
export const ORDER_CLIENTS = 4;
/** A client retries a failed attempt with the same Idempotency-Key after this pause, for at most RETRY_FOR_MS. */
export const RETRY_PAUSE_MS = 250;
export const RETRY_FOR_MS = 90_000;
