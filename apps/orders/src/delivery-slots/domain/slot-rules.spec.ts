import { addDays, chinaDateOf, chinaLocalToInstant, slotRefusal, type SlotView } from './slot-rules';

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
});
