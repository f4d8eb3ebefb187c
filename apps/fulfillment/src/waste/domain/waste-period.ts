import { DomainError } from '@harvest/platform/errors';
import { addDays } from '../../shared/domain/local-date';

/** The longest period one report covers. */
export const MAX_WASTE_REPORT_DAYS = 366;

export class BadWastePeriodError extends DomainError {
  constructor(detail: string) {
    super('unprocessable', 'bad-period', detail, { field: 'to', extensions: { field: 'to' } });
  }
}

/**
 * A report's China calendar days `from`..`to` (both included) as the instants that bound them: from
 * 00:00 in Shanghai (UTC+8, no daylight saving) on `from` to 00:00 on the day after `to`.
 */
export function wastePeriod(from: string, to: string): { start: Date; end: Date } {
  if (to < from) throw new BadWastePeriodError('to is before from');
  if (addDays(from, MAX_WASTE_REPORT_DAYS - 1) < to)
    throw new BadWastePeriodError(`a report covers at most ${MAX_WASTE_REPORT_DAYS} days`);
  return {
    start: new Date(`${from}T00:00:00+08:00`),
    end: new Date(`${addDays(to, 1)}T00:00:00+08:00`),
  };
}
