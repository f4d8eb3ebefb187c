import { BadPickerIdError, pickerOf } from './picker';

describe('pickerOf', () => {
  it('is the badge the picker scanned on the device, when sent', () => {
    expect(pickerOf('service-account-uuid', 'badge-0042')).toBe('badge-0042');
  });

  it('is the token subject when no badge is sent (a token that names a person)', () => {
    expect(pickerOf('picker-1', undefined)).toBe('picker-1');
  });

  it.each(['', ' ', 'a b', 'x'.repeat(65), 'name\n', 'ünïcode'])(
    'refuses the badge %j naming X-Picker-Id',
    (badge) => {
      expect(() => pickerOf('s', badge)).toThrow(BadPickerIdError);
      try {
        pickerOf('s', badge);
      } catch (error) {
        expect(error).toMatchObject({ kind: 'invalid', field: 'X-Picker-Id' });
      }
    },
  );
});
