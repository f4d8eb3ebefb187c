import { rsaSha256Sign, rsaSha256Verify } from './wechat-pay-signature';
import type { KeyObject } from 'node:crypto';

/**
 * Alipay open API's RSA2 signatures, as its "自行实现签名 / 自行实现验签" pages define them, shared by the
 * adapter and the protocol-faithful test server:
 * - a request: every parameter but `sign` (and empty ones), sorted by name in ASCII order, joined as
 *   `name=value` with `&`, values raw (not URL-encoded); SHA256withRSA with the app's private key, base64;
 * - an answer: the exact text of the `<method>_response` (or `error_response`) member of the JSON answer,
 *   as sent (never re-serialised), verified against the top-level `sign` with Alipay's public key;
 * - an async notification: its form parameters minus `sign` and `sign_type`, sorted and joined the same way.
 * Hand-written on node:crypto: the official alipay-sdk is well kept but pulls in its own HTTP client and
 * XML/crypto helpers for what these few functions do, and hides the raw answer text the check needs.
 */
export function alipaySignContent(
  params: Record<string, string | undefined>,
  exclude: string[] = ['sign'],
): string {
  return Object.keys(params)
    .filter((name) => !exclude.includes(name) && params[name] !== undefined && params[name] !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => `${name}=${params[name]}`)
    .join('&');
}

export function alipaySign(privateKey: KeyObject, content: string): string {
  return rsaSha256Sign(privateKey, content);
}

export function alipayVerify(publicKey: KeyObject, content: string, sign: string): boolean {
  return rsaSha256Verify(publicKey, content, sign);
}

/** `alipay.trade.precreate` → `alipay_trade_precreate_response`. */
export function alipayResponseKey(method: string): string {
  return `${method.replace(/\./g, '_')}_response`;
}

/**
 * The exact text of the top-level member `key` of a JSON answer (an object), or null. Scans the raw text so
 * the signature is checked over the bytes Alipay signed, whatever their spacing or key order.
 */
export function alipayResponseContent(raw: string, key: string): string | null {
  const start = raw.indexOf(`"${key}"`);
  if (start < 0) return null;
  let i = raw.indexOf(':', start + key.length + 2);
  if (i < 0) return null;
  i++;
  while (/\s/.test(raw[i] ?? '')) i++;
  if (raw[i] !== '{') return null;
  let depth = 0;
  let inString = false;
  for (let j = i; j < raw.length; j++) {
    const c = raw[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return raw.slice(i, j + 1);
  }
  return null;
}

/** Alipay's time format: China time, "yyyy-MM-dd HH:mm:ss". */
export function alipayTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The instant an Alipay time names (China time), or null. */
export function parseAlipayTime(text: string | undefined): Date | null {
  if (!text || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return null;
  const date = new Date(`${text.replace(' ', 'T')}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}
