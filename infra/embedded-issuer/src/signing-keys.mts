/**
 * The issuer's signing key and cookie keys, generated on the first start and kept in its data folder
 * (git-ignored .cache/issuer), so tokens and browser sessions survive a restart of `npm start`. Dev only: a
 * deployed issuer (Keycloak) keeps its keys in its own database and rotates them (docs/identity.md).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export interface IssuerKeys {
  /** Private JWKs (RS256, `kid` = the key's RFC 7638 thumbprint); the issuer publishes their public halves. */
  jwks: { keys: JWK[] };
  cookieKeys: string[];
}

export async function loadOrCreateKeys(dataDir: string): Promise<IssuerKeys> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const jwksFile = join(dataDir, 'jwks.json');
  const cookieFile = join(dataDir, 'cookie-keys.json');
  if (!existsSync(jwksFile)) {
    const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const jwk = await exportJWK(privateKey);
    const key = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
    writePrivate(jwksFile, { keys: [key] });
  }
  if (!existsSync(cookieFile)) writePrivate(cookieFile, [randomBytes(32).toString('base64url')]);
  return {
    jwks: JSON.parse(readFileSync(jwksFile, 'utf8')) as IssuerKeys['jwks'],
    cookieKeys: JSON.parse(readFileSync(cookieFile, 'utf8')) as string[],
  };
}

/** Written whole or not at all (a crash mid-write must not leave a key file that breaks every later start). */
export function writePrivate(file: string, content: unknown): void {
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(content, null, 2), { mode: 0o600 });
  renameSync(partial, file);
}
