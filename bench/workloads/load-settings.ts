/**
 * Fixed load of the HTTP rows, the same on both sides: `rounds` alternating rounds of `secondsPerRound` each
 * (after one warm-up per side). `--quick` shortens it. Chosen so `npm run bench` fits ~15 min on 2 cores.
 */
export const LOAD = {
  connections: 16,
  warmupSeconds: 3,
  rounds: 3,
  secondsPerRound: 5,
};

export function useQuickLoad(): void {
  LOAD.warmupSeconds = 1;
  LOAD.rounds = 2;
  LOAD.secondsPerRound = 2;
}
