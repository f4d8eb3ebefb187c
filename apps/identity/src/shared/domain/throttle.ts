/** At most `max` events in any `windowSeconds`. */
export interface ThrottleLimit {
  max: number;
  windowSeconds: number;
}

/**
 * Seconds until one more event fits every limit, given the times of earlier events (any order); 0 when it fits
 * now.
 */
export function secondsUntilAllowed(eventTimes: Date[], limits: ThrottleLimit[], now: Date): number {
  let wait = 0;
  for (const { max, windowSeconds } of limits) {
    if (windowSeconds <= 0) continue;
    const windowStart = now.getTime() - windowSeconds * 1000;
    const inWindow = eventTimes
      .map((t) => t.getTime())
      .filter((t) => t > windowStart)
      .sort((a, b) => b - a);
    if (inWindow.length < max) continue;
    if (max <= 0) return windowSeconds;
    // The newest event that keeps the window full has to leave it before one more fits.
    const blocking = inWindow[max - 1]!;
    wait = Math.max(wait, Math.ceil((blocking + windowSeconds * 1000 - now.getTime()) / 1000));
  }
  return wait;
}
