import { SlotDateOutOfRangeError } from './delivery-slot.errors';

/** Delivery dates and windows are local to China (UTC+8 all year, no daylight saving). */
const CHINA_OFFSET_MINUTES = 8 * 60;

/** The instant a local date and HH:MM time in China stand for. */
export function chinaLocalToInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, hh, mm) - CHINA_OFFSET_MINUTES * 60_000);
}

/** The local date in China of an instant, YYYY-MM-DD. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export interface SlotView {
  zoneId: string;
  startsAt: Date;
  cutoffAt: Date;
  capacity: number;
  booked: number;
}

export type SlotRefusal =
  | { status: 422; type: 'slot-wrong-zone'; detail: string }
  | { status: 422; type: 'slot-in-the-past'; detail: string }
  | { status: 422; type: 'slot-past-cutoff'; detail: string }
  | { status: 409; type: 'slot-full'; detail: string };

/** Why a slot cannot be booked for an address in `zoneId` at `now`, or null when it can. */
export function slotRefusal(slot: SlotView, zoneId: string, now: Date): SlotRefusal | null {
  if (slot.zoneId !== zoneId)
    return {
      status: 422,
      type: 'slot-wrong-zone',
      detail: `the delivery slot is for zone ${slot.zoneId}, the address is in ${zoneId}`,
    };
  if (slot.startsAt.getTime() <= now.getTime())
    return { status: 422, type: 'slot-in-the-past', detail: 'the delivery slot has already started' };
  if (slot.cutoffAt.getTime() <= now.getTime()) {
    return {
      status: 422,
      type: 'slot-past-cutoff',
      detail: `booking for this delivery slot closed at ${slot.cutoffAt.toISOString()}`,
    };
  }
  if (slot.booked >= slot.capacity)
    return { status: 409, type: 'slot-full', detail: 'the delivery slot is full; choose another window' };
  return null;
}

/**
 * How far ahead a window may be offered: a season's planning of vans and harvests, not years. A slot dated
 * 1000-01-01 or 2999-12-31 is a typo that would otherwise be stored and listed.
 */
export const MAX_OFFER_DAYS_AHEAD = 90;

/** A window is offered from today (China date) up to MAX_OFFER_DAYS_AHEAD days later; otherwise refused. */
export function checkOfferableDate(date: string, now: Date): void {
  const today = chinaDateOf(now);
  const last = addDays(today, MAX_OFFER_DAYS_AHEAD);
  if (date < today || date > last) throw new SlotDateOutOfRangeError(today, last);
}
