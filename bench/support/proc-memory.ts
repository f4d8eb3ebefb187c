import { readFileSync } from 'node:fs';

/** Peak (VmHWM) and current (VmRSS) resident memory of a process in MiB, from /proc/<pid>/status; null once it is gone. */
export function residentMemoryMiB(pid: number): { peak: number; current: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { peak: kib('VmHWM') / 1024, current: kib('VmRSS') / 1024 };
  } catch {
    return null;
  }
}

/** Peak RSS of a process in MiB (0 when it cannot be read, e.g. already exited). */
export function peakRssMiB(pid: number): number {
  return residentMemoryMiB(pid)?.peak ?? 0;
}
