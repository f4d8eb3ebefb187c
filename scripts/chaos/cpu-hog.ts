/**
 * Keeps every core busy (one spinning node process per core) while a scenario runs, so its fault lands on a
 * machine as busy as production on a bad day (issue 15: the loss showed at load average 10-16, not on a quiet box).
 * On with CHAOS_CPU_HOG=1; stop() ends exactly the processes it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Spins, and exits once its parent is gone, so a crashed chaos run leaves no spinning orphan behind. */
const SPIN =
  'const parent = process.ppid; for (;;) { for (let i = 0; i < 1e7; i++); if (process.ppid !== parent) process.exit(0); }';

export class CpuHog {
  private readonly children: ChildProcess[] = [];

  static requested(): boolean {
    return process.env.CHAOS_CPU_HOG === '1';
  }

  start(): number {
    for (let i = 0; i < availableParallelism(); i++)
      this.children.push(spawn(process.execPath, ['-e', SPIN], { stdio: 'ignore' }));
    return this.children.length;
  }

  stop(): void {
    for (const child of this.children.splice(0))
      if (child.pid !== undefined && child.exitCode === null) child.kill('SIGKILL');
  }
}
