/**
 * Keeps every core busy (one spinning node process per core) while a scenario runs, so its fault lands on a
 * machine as busy as production on a bad day (issue 15: the loss showed at load average 10-16, not on a quiet box).
 * On with CHAOS_CPU_HOG=1; stop() ends exactly the processes it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * Spins, and exits once the chaos process is gone (signal 0 to its pid fails), so a crashed run leaves no
 * spinning orphan behind. Not process.ppid: Node reads it once at start.
 */
const SPIN = `const parent = ${process.pid}; for (;;) { for (let i = 0; i < 1e7; i++); try { process.kill(parent, 0); } catch { process.exit(0); } }`;

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
