import { secondsUntilAllowed } from './throttle';

const at = (secondsAgo: number, now: Date) => new Date(now.getTime() - secondsAgo * 1000);

describe('secondsUntilAllowed', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const oneAMinuteFiveAnHour = [
    { max: 1, windowSeconds: 60 },
    { max: 5, windowSeconds: 3600 },
  ];

  it('allows the first event and one after the interval', () => {
    expect(secondsUntilAllowed([], oneAMinuteFiveAnHour, now)).toBe(0);
    expect(secondsUntilAllowed([at(61, now)], oneAMinuteFiveAnHour, now)).toBe(0);
  });

  it('says how long until the last event leaves the one-minute window', () => {
    expect(secondsUntilAllowed([at(20, now)], oneAMinuteFiveAnHour, now)).toBe(40);
  });

  it('waits for the oldest of the hour when five were sent', () => {
    const times = [3000, 2500, 2000, 1500, 100].map((s) => at(s, now));
    expect(secondsUntilAllowed(times, oneAMinuteFiveAnHour, now)).toBe(600);
  });

  it('ignores a limit with no window (interval 0 turns it off)', () => {
    expect(secondsUntilAllowed([at(1, now)], [{ max: 1, windowSeconds: 0 }], now)).toBe(0);
  });
});
