/**
 * Starting the embedded issuer (../src/main.mts) as a child process and waiting until it answers discovery:
 * one helper for `npm start` (scripts/run/run-services.ts) and the issuer's specs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import devOnly from '../src/dev-only-settings.json';

export const EMBEDDED_ISSUER_PORT = 3010;
export const EMBEDDED_ISSUER_URL = `http://127.0.0.1:${EMBEDDED_ISSUER_PORT}`;
/**
 * The RFC 7591 initial access token the issuer demands for registering (enrolling) a device client, unless
 * ISSUER_INITIAL_ACCESS_TOKEN says otherwise: dev-only, the one value the issuer and its callers read.
 */
export const DEV_INITIAL_ACCESS_TOKEN: string = devOnly.initialAccessToken;
const MAIN = resolve(__dirname, '../src/main.mts');

export interface IssuerProcessOptions {
  port?: number;
  /** Keys and enrolled devices; default <repo>/.cache/issuer. */
  dataDir?: string;
  /** Extra environment (IDENTITY_URL, ISSUER_INITIAL_ACCESS_TOKEN). */
  env?: NodeJS.ProcessEnv;
}

/** A loopback port free right now, for an issuer a spec starts beside the shared tier's fixed ports. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** Spawns the issuer with piped output; the caller relays or collects it. */
export function spawnEmbeddedIssuer(options: IssuerProcessOptions = {}): ChildProcess {
  return spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      ...options.env,
      ISSUER_PORT: String(options.port ?? EMBEDDED_ISSUER_PORT),
      ...(options.dataDir ? { ISSUER_DATA_DIR: options.dataDir } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves once `${issuer}/.well-known/openid-configuration` answers 200; rejects if the child exits first. */
export async function waitForDiscovery(
  issuer: string,
  child: ChildProcess,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `the embedded issuer exited (${child.exitCode ?? child.signalCode}) before it answered discovery`,
      );
    try {
      const response = await fetch(`${issuer}/.well-known/openid-configuration`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the embedded issuer did not answer discovery within ${timeoutMs / 1000}s`);
}

/** Sends SIGTERM and resolves when the child has exited. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
