import { InvalidPhoneNumberError, maskPhoneNumber, normalizePhoneNumber } from './phone-number';

describe('normalizePhoneNumber', () => {
  it.each(['13800138000', '+8613800138000', '+86 138 0013 8000', '86-138-0013-8000', '008613800138000'])(
    'reads %s as +8613800138000',
    (input) => expect(normalizePhoneNumber(input)).toBe('+8613800138000'),
  );

  it.each(['12800138000', '1380013800', '138001380001', '+1 415 555 0100', '', '+86', 'abc'])(
    'refuses %p, naming the field phone',
    (input) => {
      expect(() => normalizePhoneNumber(input)).toThrow(InvalidPhoneNumberError);
      expect(() => normalizePhoneNumber(input)).toThrow(expect.objectContaining({ field: 'phone' }));
    },
  );
});

describe('maskPhoneNumber', () => {
  it('keeps the operator prefix and the last four digits only', () => {
    expect(maskPhoneNumber('+8613800138000')).toBe('+86 138****8000');
  });
});
