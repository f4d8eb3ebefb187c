import {
  InvalidCustomerIdError,
  InvalidPhoneError,
  PhoneTakenError,
  parseCustomerId,
  parsePhone,
} from './contact-rules';

describe('contact rules', () => {
  it('accepts customer ids of 1-64 letters, digits and ._:- only', () => {
    for (const id of ['c', 'cust-d-2', 'demo.customer:001_x', 'a'.repeat(64)])
      expect(parseCustomerId(id)).toBe(id);
    for (const id of ['', 'a'.repeat(65), 'has space', 'slash/id', '客户']) {
      expect(() => parseCustomerId(id)).toThrow(InvalidCustomerIdError);
    }
    expect(() => parseCustomerId('')).toThrow(
      expect.objectContaining({
        kind: 'invalid',
        type: 'invalid-customer-id',
        extensions: { field: 'customerId' },
      }),
    );
  });

  it('takes a phone number in any spelling toE164 knows, and refuses the rest naming the field', () => {
    expect(parsePhone('+86 138 0013 8009')).toBe('+8613800138009');
    expect(parsePhone('13800138009')).toBe('+8613800138009');
    expect(() => parsePhone('nope')).toThrow(InvalidPhoneError);
    expect(() => parsePhone('12345')).toThrow(
      expect.objectContaining({ kind: 'invalid', type: 'invalid-phone', extensions: { field: 'phone' } }),
    );
  });

  it('a taken number is a conflict naming the customer who holds it', () => {
    expect(new PhoneTakenError('cust-1')).toMatchObject({
      kind: 'conflict',
      type: 'phone-taken',
      detail: 'this phone number belongs to another customer',
      extensions: { field: 'phone', customerId: 'cust-1' },
    });
  });
});
