import { isE164, isMaskedPhone, maskPhone, toE164 } from './phone';

describe('phone numbers', () => {
  it('normalises common spellings to E.164', () => {
    expect(toE164('+86 138-0013-8000')).toBe('+8613800138000');
    expect(toE164('008613800138000')).toBe('+8613800138000');
    expect(toE164('13800138000')).toBe('+8613800138000');
    expect(toE164('+1 (415) 555-0100')).toBe('+14155550100');
  });

  it('rejects what is not a phone number', () => {
    expect(toE164('hello')).toBeNull();
    expect(toE164('+0123456789')).toBeNull();
    expect(toE164('12345')).toBeNull();
    expect(isE164('+8613800138000')).toBe(true);
  });

  it('masks the middle digits and never returns the full number', () => {
    expect(maskPhone('+8613800138000')).toBe('+86138****8000');
    expect(maskPhone('+14155550100')).toBe('+1****0100');
    expect(maskPhone('garbage')).toBe('****');
    expect(maskPhone(null)).toBeNull();
    for (const phone of ['+8613800138000', '+14155550100', '+442079460958']) {
      const masked = maskPhone(phone)!;
      expect(masked).not.toBe(phone);
      expect(masked.replace(/\D/g, '').length).toBeLessThan(phone.replace(/\D/g, '').length - 2);
    }
  });

  it('recognises its own masked form, and masking a masked number keeps it (retention stores them)', () => {
    for (const phone of ['+8613800138000', '+14155550100', '+442079460958', '+85291234567', 'garbage']) {
      const masked = maskPhone(phone)!;
      expect(isMaskedPhone(masked)).toBe(true);
      expect(maskPhone(masked)).toBe(masked);
    }
    for (const clear of ['+8613800138000', '13800138000', '138*0013*8000', '+86 138-0013-8000', ''])
      expect(isMaskedPhone(clear)).toBe(false);
  });
});
