/** What a room remembers between readings to tell a spike from an excursion. */
export interface RoomRangeState {
  /** First reading of the current run out of range, or null while in range. */
  outOfRangeSince: Date | null;
  /** Newest reading applied; an older one arriving late is stored but does not move the state. */
  lastReadingAt: Date | null;
  /** The excursion already raised for the current run, so one run raises exactly one alert. */
  openExcursion: boolean;
}

export type ReadingVerdict =
  | { kind: 'stale' }
  | { kind: 'in_range'; state: RoomRangeState; endsExcursion: boolean }
  | { kind: 'out_of_range'; state: RoomRangeState; raiseExcursion: boolean };

/**
 * An excursion is out of range for longer than the configured duration (domain notes: not a single
 * reading). A reading back in range ends the run; the run that crosses the duration raises one excursion,
 * and further readings of the same run raise nothing more.
 */
export function assessReading(
  state: RoomRangeState,
  reading: { at: Date; inRange: boolean },
  excursionMs: number,
): ReadingVerdict {
  if (state.lastReadingAt && reading.at.getTime() <= state.lastReadingAt.getTime()) return { kind: 'stale' };
  if (reading.inRange) {
    return {
      kind: 'in_range',
      state: { outOfRangeSince: null, lastReadingAt: reading.at, openExcursion: false },
      endsExcursion: state.openExcursion,
    };
  }
  const since = state.outOfRangeSince ?? reading.at;
  const raiseExcursion = !state.openExcursion && reading.at.getTime() - since.getTime() > excursionMs;
  return {
    kind: 'out_of_range',
    state: {
      outOfRangeSince: since,
      lastReadingAt: reading.at,
      openExcursion: state.openExcursion || raiseExcursion,
    },
    raiseExcursion,
  };
}
