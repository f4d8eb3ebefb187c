/** The chaos command's only way to start, stop and inspect servers: the harness CLI (infra/local/harness). */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT } from './chaos-settings';

/** Runs `harness ARGS`, streaming its progress lines with a prefix; rejects with its last line on failure. */
export function harness(...args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', ['infra/local/harness', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const relay = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        console.log(`  harness | ${line}`);
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(output);
      else reject(new Error(output.trim().split('\n').pop() ?? `harness ${args.join(' ')} exited ${code}`));
    });
  });
}

/** Same as harness() but silent: for status polls. */
export function harnessQuiet(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn('bash', ['infra/local/harness', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('close', (code) => resolvePromise({ code: code ?? 1, output }));
  });
}

/** SIGKILL, the crash the scenarios simulate; a pid file that names no live process is a harness bug. */
export function killPidFile(file: string): number {
  const pid = Number(readFileSync(file, 'utf8').trim());
  process.kill(pid, 'SIGKILL');
  return pid;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls CHECK every STEP ms until it is true; resolves with the ms it took, or rejects after MAX ms. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  maxMs: number,
  stepMs = 200,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < maxMs) {
    if (await check()) return Date.now() - started;
    await sleep(stepMs);
  }
  throw new Error(`${what}: not true after ${maxMs / 1000}s`);
}

/** True when URL answers 2xx; false when it answers otherwise or not at all. */
export async function httpOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(5_000) })).ok;
  } catch {
    return false;
  }
}
