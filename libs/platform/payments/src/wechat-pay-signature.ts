import {
  createCipheriv,
  createDecipheriv,
  createSign,
  createVerify,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/**
 * WeChat Pay API v3's signatures, as its "签名生成 / 签名验证 / 回调报文解密" pages define them, shared by the
 * adapter and the protocol-faithful test server so both sides compute them one way:
 * - a request is signed with the merchant's private key (SHA256 with RSA, PKCS#1 v1.5, base64) over
 *   "METHOD\nURL\ntimestamp\nnonce\nbody\n" (URL = path and query; body empty for a GET) and sent as
 *   `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"`;
 * - an answer or a notification is signed by WeChat Pay over "timestamp\nnonce\nbody\n", in the headers
 *   Wechatpay-Timestamp, Wechatpay-Nonce, Wechatpay-Signature and Wechatpay-Serial (the platform key's id);
 * - a notification's `resource` is AEAD_AES_256_GCM with the merchant's 32-byte APIv3 key, the 16-byte tag
 *   appended to the ciphertext before base64.
 * Hand-written on node:crypto: the official Node SDK is not published by WeChat Pay, and the community ones
 * (wechatpay-node-v3, wechatpay-axios-plugin) bring their own HTTP clients for these few functions.
 */
export const WECHATPAY_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';

export function wechatRequestMessage(
  method: string,
  pathAndQuery: string,
  timestamp: string,
  nonce: string,
  body: string,
): string {
  return `${method}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

export function wechatAnswerMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

export function rsaSha256Sign(privateKey: KeyObject, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

export function rsaSha256Verify(publicKey: KeyObject, message: string, signature: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

/** 32 characters of [A-Z0-9], as WeChat's examples use for nonce_str. */
export function wechatNonce(): string {
  return randomBytes(24)
    .toString('base64url')
    .replace(/[-_]/g, '')
    .slice(0, 32)
    .toUpperCase()
    .padEnd(32, '0');
}

export interface WechatAuthorization {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

export function wechatAuthorizationHeader(auth: WechatAuthorization): string {
  return (
    `${WECHATPAY_SCHEMA} mchid="${auth.mchid}",nonce_str="${auth.nonce_str}",` +
    `signature="${auth.signature}",timestamp="${auth.timestamp}",serial_no="${auth.serial_no}"`
  );
}

/** The header's fields, or null when it is not a WECHATPAY2-SHA256-RSA2048 header with all five. */
export function parseWechatAuthorization(header: string | undefined): WechatAuthorization | null {
  if (!header?.startsWith(`${WECHATPAY_SCHEMA} `)) return null;
  const fields: Record<string, string> = {};
  for (const match of header.slice(WECHATPAY_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g))
    fields[match[1]!] = match[2]!;
  const { mchid, nonce_str, signature, timestamp, serial_no } = fields;
  if (!mchid || !nonce_str || !signature || !timestamp || !serial_no) return null;
  return { mchid, nonce_str, signature, timestamp, serial_no };
}

/** An encrypted notification resource (`resource` of the notification body). */
export interface WechatEncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
  original_type: string;
}

export function wechatDecryptResource(apiV3Key: string, resource: WechatEncryptedResource): string {
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < 17) throw new Error('ciphertext too short');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    Buffer.from(apiV3Key, 'utf8'),
    Buffer.from(resource.nonce),
  );
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString(
    'utf8',
  );
}

export function wechatEncryptResource(
  apiV3Key: string,
  plaintext: string,
  associatedData: string,
  originalType: string,
): WechatEncryptedResource {
  const nonce = wechatNonce().slice(0, 12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: ciphertext.toString('base64'),
    associated_data: associatedData,
    nonce,
    original_type: originalType,
  };
}

/** WeChat Pay's time format: RFC 3339 in China time, whole seconds (2026-12-08T10:34:56+08:00). */
export function wechatTime(date: Date): string {
  return `${new Date(date.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '')}+08:00`;
}
