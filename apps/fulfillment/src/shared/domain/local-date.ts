/** Our fulfillment centers are in Beijing and Shanghai: calendar dates (expiry, delivery) are China dates. */
const CHINA_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The China calendar date of an instant, YYYY-MM-DD. */
export function chinaDate(at: Date = new Date()): string {
  return CHINA_DATE.format(at);
}

/** A YYYY-MM-DD date moved by whole days. */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}
