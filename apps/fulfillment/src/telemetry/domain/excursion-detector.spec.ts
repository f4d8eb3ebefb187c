import { assessReading, type RoomRangeState } from './excursion-detector';

const minute = 60_000;
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 10, 0) + minutes * minute);
const fresh: RoomRangeState = { outOfRangeSince: null, lastReadingAt: null, openExcursion: false };

function run(readings: Array<[number, boolean]>, windowMinutes = 30) {
  let state = fresh;
  let raised = 0;
  let ended = 0;
  for (const [minutes, inRange] of readings) {
    const verdict = assessReading(state, { at: at(minutes), inRange }, windowMinutes * minute);
    if (verdict.kind === 'stale') continue;
    if (verdict.kind === 'out_of_range' && verdict.raiseExcursion) raised++;
    if (verdict.kind === 'in_range' && verdict.endsExcursion) ended++;
    state = verdict.state;
  }
  return { raised, ended, state };
}

describe('excursion detector', () => {
  it('raises nothing for a single spike', () => {
    expect(
      run([
        [0, true],
        [5, false],
        [10, true],
      ]).raised,
    ).toBe(0);
  });

  it('raises nothing for a run exactly as long as the window', () => {
    expect(
      run([
        [0, false],
        [30, false],
      ]).raised,
    ).toBe(0);
  });

  it('raises exactly one excursion for a run longer than the window', () => {
    const result = run([
      [0, false],
      [10, false],
      [31, false],
      [40, false],
      [90, false],
    ]);
    expect(result.raised).toBe(1);
    expect(result.state.outOfRangeSince).toEqual(at(0));
  });

  it('starts over after the room comes back in range', () => {
    const result = run([
      [0, false],
      [31, false],
      [35, true],
      [40, false],
      [80, false],
    ]);
    expect(result.raised).toBe(2);
    expect(result.ended).toBe(1);
  });

  it('does not let interrupted spikes add up', () => {
    expect(
      run([
        [0, false],
        [20, true],
        [25, false],
        [50, true],
        [55, false],
      ]).raised,
    ).toBe(0);
  });

  it('ignores a reading older than the newest one', () => {
    const state: RoomRangeState = { outOfRangeSince: null, lastReadingAt: at(10), openExcursion: false };
    expect(assessReading(state, { at: at(5), inRange: false }, 30 * minute)).toEqual({ kind: 'stale' });
  });
});
