import { SlotDateOutOfRangeError } from './delivery-slot.errors';
import {
  addDays,
  checkOfferableDate,
  chinaDateOf,
  chinaLocalToInstant,
  MAX_OFFER_DAYS_AHEAD,
  slotRefusal,
  type SlotView,
} from './slot-rules';

describe('slot rules', () => {
  const slot: SlotView = {
    zoneId: 'bj-chaoyang',
    startsAt: chinaLocalToInstant('2026-11-24', '09:00'),
    cutoffAt: chinaLocalToInstant('2026-11-23', '22:00'),
    capacity: 2,
    booked: 1,
  };

  it('reads China local times as UTC+8', () => {
    expect(chinaLocalToInstant('2026-11-24', '09:00').toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(chinaDateOf(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('books an open slot with room', () => {
    expect(slotRefusal(slot, 'bj-chaoyang', new Date('2026-11-23T10:00:00Z'))).toBeNull();
  });

  it('refuses another zone, a slot that started, one past its cut-off, and a full one', () => {
    const before = new Date('2026-11-23T10:00:00Z');
    expect(slotRefusal(slot, 'sh-pudong', before)?.type).toBe('slot-wrong-zone');
    expect(slotRefusal(slot, 'bj-chaoyang', new Date('2026-11-24T02:00:00Z'))?.type).toBe('slot-in-the-past');
    expect(slotRefusal(slot, 'bj-chaoyang', new Date('2026-11-23T14:00:00Z'))).toMatchObject({
      status: 422,
      type: 'slot-past-cutoff',
    });
    expect(slotRefusal({ ...slot, booked: 2 }, 'bj-chaoyang', before)).toMatchObject({
      status: 409,
      type: 'slot-full',
    });
  });

  it('offers windows from today (China date) up to the horizon, and refuses dates outside it', () => {
    // 2026-11-23T17:00Z is already 2026-11-24 in China.
    const now = new Date('2026-11-23T17:00:00Z');
    expect(() => checkOfferableDate('2026-11-24', now)).not.toThrow();
    expect(() => checkOfferableDate(addDays('2026-11-24', MAX_OFFER_DAYS_AHEAD), now)).not.toThrow();
    for (const date of [
      '2026-11-23',
      '1000-01-01',
      addDays('2026-11-24', MAX_OFFER_DAYS_AHEAD + 1),
      '2999-12-31',
    ])
      expect(() => checkOfferableDate(date, now)).toThrow(SlotDateOutOfRangeError);
    try {
      checkOfferableDate('1000-01-01', now);
    } catch (error) {
      expect(error).toMatchObject({ type: 'slot-date-out-of-range', extensions: { field: 'date' } });
    }
  });
});
