import { fenToYuan, yuanToFen } from './money';

describe('fen and yuan', () => {
  it('writes fen as yuan with two decimals, without floating point', () => {
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(7)).toBe('0.07');
    expect(fenToYuan(1290)).toBe('12.90');
    expect(fenToYuan(100_000_000)).toBe('1000000.00');
    expect(() => fenToYuan(1.5)).toThrow(RangeError);
    expect(() => fenToYuan(-1)).toThrow(RangeError);
  });

  it('reads yuan with up to two decimals back to the same fen, and nothing else', () => {
    for (const fen of [0, 1, 10, 99, 1290, 123_456_789]) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
    expect(yuanToFen('12.9')).toBe(1290);
    expect(yuanToFen('12')).toBe(1200);
    for (const bad of ['', '1.234', '-1.00', '01.00', '1e3', ' 1.00', '0x10', '1.'])
      expect(yuanToFen(bad)).toBeNull();
  });
});
