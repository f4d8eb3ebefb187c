/** Process memory in MiB, as `process.memoryUsage()` reports it. */
export interface MemoryMiB {
  /** Resident set: what the container's memory limit counts. */
  rss: number;
  /** V8 heap reserved, and the part of it live objects or not-yet-collected garbage occupy. */
  heapTotal: number;
  heapUsed: number;
  /** Memory outside the V8 heap held by JS objects (Buffers of sockets and request bodies among it). */
  external: number;
  arrayBuffers: number;
}

const MIB = 1024 * 1024;

export function memoryNowMiB(): MemoryMiB {
  const m = process.memoryUsage();
  return {
    rss: m.rss / MIB,
    heapTotal: m.heapTotal / MIB,
    heapUsed: m.heapUsed / MIB,
    external: m.external / MIB,
    arrayBuffers: m.arrayBuffers / MIB,
  };
}

/** The highest of each figure: what a reindex reports as its peaks, sampled after every bulk batch. */
export function highestMemory(seen: MemoryMiB | null, now: MemoryMiB): MemoryMiB {
  if (!seen) return now;
  return {
    rss: Math.max(seen.rss, now.rss),
    heapTotal: Math.max(seen.heapTotal, now.heapTotal),
    heapUsed: Math.max(seen.heapUsed, now.heapUsed),
    external: Math.max(seen.external, now.external),
    arrayBuffers: Math.max(seen.arrayBuffers, now.arrayBuffers),
  };
}
