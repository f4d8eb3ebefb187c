/** Fixed load of the HTTP rows (same on both sides); `--quick` shortens it. Chosen so `npm run bench` fits ~15 min on 2 cores. */
export const LOAD = {
  connections: 16,
  warmupSeconds: 3,
  seconds: 10,
};

export function useQuickLoad(): void {
  LOAD.warmupSeconds = 1;
  LOAD.seconds = 4;
}
