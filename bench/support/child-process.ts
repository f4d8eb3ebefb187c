import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { peakRssMiB } from './proc-memory';

export const ROOT = resolve(__dirname, '../..');
export const BENCH_CACHE = join(ROOT, '.cache/bench');
const LOG_DIR = join(BENCH_CACHE, 'logs');

/** Every process the bench started and has not seen exit, so an interrupted run does not leave them running. */
const live = new Set<ChildProcess>();
let signalsHandled = false;

function stopLiveChildrenOnSignal(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      console.error(`bench: ${signal}: stopping ${live.size} service and baseline processes`);
      for (const child of live) child.kill('SIGKILL');
      process.exit(130);
    });
}

/** A service or baseline started by the bench as its own process; its output goes to .cache/bench/logs/<name>.log. */
export interface BenchProcess {
  name: string;
  pid: number;
  logFile: string;
  /** VmHWM of the process so far (MiB). */
  peakRssMiB(): number;
  stop(): Promise<void>;
  exited(): Promise<number | null>;
}

/** Starts a TypeScript entry point under @swc-node/register, as scripts/run/run-services.ts starts services. */
export function startTsProcess(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
  nodeArgs: string[] = [],
): BenchProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `${name}.log`);
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '-r', '@swc-node/register', entry, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  stopLiveChildrenOnSignal();
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    name,
    pid: child.pid!,
    logFile,
    peakRssMiB: () => peakRssMiB(child.pid!),
    exited: () => exit,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Waits until `url` answers 2xx; fails naming the log when the process exits first or the time is up. */
export async function waitUntilAnswering(
  processHandle: BenchProcess,
  url: string,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void processHandle.exited().then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(
        `${processHandle.name} exited (${exitCode}) before it answered; see ${processHandle.logFile}`,
      );
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(
    `${processHandle.name} did not answer ${url} within ${timeoutMs / 1000}s; see ${processHandle.logFile}`,
  );
}
