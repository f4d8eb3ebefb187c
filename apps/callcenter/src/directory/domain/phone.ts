/** E.164: "+", country code, subscriber number; 8 to 15 digits in all. */
const E164 = /^\+[1-9]\d{7,14}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

/**
 * Normalises what a vendor or an admin sends ("+86 138-0013-8000", "008613800138000", "13800138000") to E.164.
 * A bare 11-digit number starting with 1 is a mainland mobile (+86). Returns null for anything else.
 */
export function toE164(raw: string): string | null {
  let digits = raw.trim().replace(/[\s\-()]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (/^1\d{10}$/.test(digits)) digits = `+86${digits}`;
  return isE164(digits) ? digits : null;
}

/**
 * What maskPhone returns: "****", or a "+" and up to 6 digits, four stars, the last four digits. Retention
 * stores masked numbers in call_record, so masking one again must keep it as it is. The migration
 * 1764300000000 spells the same shape in SQL (call_record.number_in_clear).
 */
const MASKED = /^(\*{4}|\+\d{1,6}\*{4}\d{4})$/;

export function isMaskedPhone(value: string): boolean {
  return MASKED.test(value);
}

/**
 * Keeps the country code (the first digit outside +86), a mainland mobile's carrier prefix and the last four
 * digits: "+8613800138000" -> "+86138****8000". Enough to confirm a caller, not to dial them.
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone == null) return null;
  if (isMaskedPhone(phone)) return phone;
  const e164 = toE164(phone);
  if (!e164) return '****';
  const country = e164.startsWith('+86') ? '+86' : e164.slice(0, 2);
  const rest = e164.slice(country.length);
  // Mainland mobiles keep their carrier prefix; elsewhere country codes vary in length, so keep nothing more.
  const keepHead = country === '+86' && rest.length === 11 ? 3 : 0;
  return `${country}${rest.slice(0, keepHead)}****${rest.slice(-4)}`;
}
