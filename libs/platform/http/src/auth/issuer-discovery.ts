/** What a service reads from its issuer's OpenID Connect discovery document. */
export interface IssuerMetadata {
  issuer: string;
  jwks_uri: string;
  /** Absent only at an issuer that issues no tokens to clients (never ours). */
  token_endpoint?: string;
}

/** The issuer URL as tokens spell it in `iss`: no trailing slash. */
export function issuerUrlOf(url: string | URL): string {
  return String(url).replace(/\/+$/, '');
}

/**
 * Reads `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4). The document must
 * name the same issuer it was fetched from (§4.3): a mix-up there would make us trust another issuer's keys.
 * Hand-written rather than openid-client's `discovery()`: these are two fields of one GET, and openid-client
 * 6 is an ES module Jest's sandbox cannot load (see harvest-node-environment.js).
 */
export async function discoverIssuer(issuerUrl: string, timeoutMs = 5_000): Promise<IssuerMetadata> {
  const issuer = issuerUrlOf(issuerUrl);
  const url = `${issuer}/.well-known/openid-configuration`;
  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`issuer discovery: ${url} answered ${response.status}`);
  const document = (await response.json()) as Partial<Record<keyof IssuerMetadata, unknown>>;
  if (document.issuer !== issuer)
    throw new Error(`issuer discovery: ${url} names issuer ${String(document.issuer)}, not ${issuer}`);
  if (typeof document.jwks_uri !== 'string') throw new Error(`issuer discovery: ${url} has no jwks_uri`);
  return {
    issuer,
    jwks_uri: document.jwks_uri,
    ...(typeof document.token_endpoint === 'string' ? { token_endpoint: document.token_endpoint } : {}),
  };
}

/**
 * A value derived from the discovery document, fetched on first use (a service starts while its issuer is
 * still booting) and again after a failure, but at most once per `retryAfterMs`: a flood of requests while
 * the issuer is down must not become a flood of discovery requests.
 */
export function lazilyDiscovered<T>(load: () => Promise<T>, retryAfterMs: number): () => Promise<T> {
  let pending: Promise<T> | undefined;
  let failedAt = 0;
  return () => {
    if (!pending || (failedAt && Date.now() - failedAt >= retryAfterMs)) {
      failedAt = 0;
      pending = load();
      pending.catch(() => (failedAt = Date.now()));
    }
    return pending;
  };
}
