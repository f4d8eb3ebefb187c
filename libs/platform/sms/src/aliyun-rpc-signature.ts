import { createHmac } from 'node:crypto';

/**
 * Alibaba Cloud's RPC signature, version 1.0 (HMAC-SHA1), as its "Signature mechanism" page defines it, shared
 * by the adapter and the protocol-faithful test server so both sides compute it one way:
 * 1. every parameter but Signature, sorted by name (byte order), name and value percent-encoded;
 * 2. StringToSign = METHOD & percentEncode("/") & percentEncode(canonicalized query);
 * 3. Signature = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
 * Hand-written because no maintained npm package exposes it apart from Aliyun's whole SDK (@alicloud/pop-core
 * pulls in its own HTTP stack for these twenty lines).
 */

/** RFC 3986 unreserved characters stay, everything else is %XY of its UTF-8 bytes; space is %20, not +. */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function aliyunCanonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => `${aliyunPercentEncode(name)}=${aliyunPercentEncode(params[name]!)}`)
    .join('&');
}

export function aliyunStringToSign(method: 'GET' | 'POST', params: Record<string, string>): string {
  return `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(aliyunCanonicalQuery(params))}`;
}

export function aliyunSignature(
  method: 'GET' | 'POST',
  params: Record<string, string>,
  accessKeySecret: string,
): string {
  return createHmac('sha1', `${accessKeySecret}&`)
    .update(aliyunStringToSign(method, params), 'utf8')
    .digest('base64');
}

/** Timestamp in the format the API requires: ISO 8601 in UTC, whole seconds (2017-05-25T12:00:00Z). */
export function aliyunTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
