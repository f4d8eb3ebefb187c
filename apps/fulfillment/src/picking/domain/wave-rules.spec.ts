import { TEMPERATURE_CLASSES } from '@harvest/contracts/produce';
import { pickRank, waveId } from './wave-rules';

describe('wave rules', () => {
  it('picks frozen last and chilled just before it', () => {
    const order = [...TEMPERATURE_CLASSES].sort((a, b) => pickRank(a) - pickRank(b));
    expect(order.slice(-2)).toEqual(['chilled', 'frozen']);
  });

  it('groups by center, slot and zone', () => {
    expect(waveId('fc-beijing-1', '2026-11-24', '09:00', 'frozen')).toBe(
      'wave-fc-beijing-1-2026-11-24-0900-frozen',
    );
    expect(waveId('fc-beijing-1', '2026-11-24', '09:00', 'chilled')).not.toBe(
      waveId('fc-beijing-1', '2026-11-24', '09:00', 'frozen'),
    );
  });
});
