import { wastePeriod } from './waste-period';

describe('waste report period', () => {
  it('bounds China calendar days, both included', () => {
    expect(wastePeriod('2026-03-01', '2026-03-31')).toEqual({
      start: new Date('2026-02-28T16:00:00Z'),
      end: new Date('2026-03-31T16:00:00Z'),
    });
    expect(wastePeriod('2026-03-01', '2026-03-01').end).toEqual(new Date('2026-03-01T16:00:00Z'));
  });

  it('refuses a period that ends before it starts or spans more than a year, naming to', () => {
    expect(() => wastePeriod('2026-03-02', '2026-03-01')).toThrow(
      expect.objectContaining({ type: 'bad-period', field: 'to' }),
    );
    expect(() => wastePeriod('2026-01-01', '2026-12-31')).not.toThrow(); // 365 days
    expect(() => wastePeriod('2026-01-01', '2027-01-02')).toThrow(
      expect.objectContaining({ type: 'bad-period' }),
    );
  });
});
