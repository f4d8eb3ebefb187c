import { readFileSync } from 'node:fs';

/** Linux reports utime and stime in clock ticks; USER_HZ is 100 on every Linux this runs on. */
const MS_PER_TICK = 10;

/**
 * User + system CPU milliseconds the given processes have used so far, from /proc/<pid>/stat (fields 14 and
 * 15). A process that is gone counts 0, so a delta across its exit is not meaningful; samples bracket a run.
 */
export function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses; the fields after its last ')' are fixed.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks * MS_PER_TICK;
}
