import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * FastDFS's anti-steal token (fdfs_http_gen_token in common/fdfs_http_shared.c): md5 hex of
 * file id (without the group) + secret key + timestamp as decimal, the timestamp being when the URL was
 * issued; a server rejects it once timestamp + token_ttl has passed. The same formula and parameters
 * (`token`, `ts`) as mod_fastdfs, so nginx in front of FastDFS accepts the URLs this service signs
 * (infra/fastdfs/http.conf). MD5 is FastDFS's choice; the secret is long and the URL short-lived.
 */
export function antiStealToken(fileIdWithoutGroup: string, secret: string, timestampSeconds: number): string {
  return createHash('md5').update(`${fileIdWithoutGroup}${secret}${timestampSeconds}`).digest('hex');
}

/** A stored object id without its first segment: the FastDFS group, or `local` on the embedded default. */
export function withoutGroup(objectId: string): string {
  return objectId.slice(objectId.indexOf('/') + 1);
}

export type TokenCheck = 'valid' | 'expired' | 'invalid';

export function checkAntiStealToken(
  fileIdWithoutGroup: string,
  secret: string,
  params: { ts?: string; token?: string },
  ttlSeconds: number,
  nowSeconds: number,
): TokenCheck {
  const ts = Number(params.ts);
  if (!params.token || !params.ts || !/^\d{1,12}$/.test(params.ts)) return 'invalid';
  const expected = Buffer.from(antiStealToken(fileIdWithoutGroup, secret, ts));
  const given = Buffer.from(params.token.toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  if (ts > nowSeconds + 60) return 'invalid'; // issued in the future: not one of ours, clocks allowing
  return ts + ttlSeconds < nowSeconds ? 'expired' : 'valid';
}
