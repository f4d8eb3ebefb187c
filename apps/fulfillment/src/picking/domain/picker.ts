import { DomainError } from '@harvest/platform/errors';

/** A badge code as the handheld reads it: short, printable, no spaces. */
export const PICKER_ID_PATTERN = /^[A-Za-z0-9._:@-]{1,64}$/;

export class BadPickerIdError extends DomainError {
  constructor() {
    super('invalid', 'bad-picker-id', 'X-Picker-Id must be 1-64 letters, digits or . _ : @ -', {
      field: 'X-Picker-Id',
      extensions: { field: 'X-Picker-Id' },
    });
  }
}

/**
 * Who picks with this token. An enrolled handheld's token names the device (its client's service account),
 * so the picker identifies on it by scanning their badge, which the app sends as `X-Picker-Id`; a token
 * that already names a person (scanner-app's device grant, a test token) needs no header and its subject is
 * the picker.
 */
export function pickerOf(tokenSubject: string, pickerHeader: string | undefined): string {
  if (pickerHeader === undefined) return tokenSubject;
  if (!PICKER_ID_PATTERN.test(pickerHeader)) throw new BadPickerIdError();
  return pickerHeader;
}
