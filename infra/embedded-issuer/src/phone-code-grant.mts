/**
 * Customers' phone sign-in on the embedded issuer: `grant_type=password` with `phone` and `code` form fields
 * (on the storefront client), the same request the Keycloak realm answers with its direct-grant authenticator.
 * The identity service owns customers and their SMS codes (issue 18 item 3): the grant asks it
 * (`POST /phone-codes/verify`, with the issuer's own client-credentials token) and signs the customer in as
 * the subject it answers. Codes, their throttling and lock-out are identity's; no phone or code is logged here.
 */
import { errors, type Client, type Provider } from 'oidc-provider';
import { devOnlySecret } from './clients.mts';
import { rememberPhoneCustomer } from './demo-accounts.mts';
import { HARVEST_RESOURCE, resourceServerFor } from './harvest-resource.mts';

export interface PhoneCodeGrantSettings {
  issuer: string;
  identityUrl: string;
}

/** The issuer's own client (infra/keycloak keeps the same id for the realm's authenticator). */
const ISSUER_CLIENT = 'embedded-issuer';
const IDENTITY_TIMEOUT_MS = 5000;

/** A client-credentials token of the issuer's own client, fetched from itself, reused until 30 s before expiry. */
function serviceTokens(issuer: string): () => Promise<string> {
  let cached: { token: string; renewAt: number } | undefined;
  return async () => {
    if (cached && Date.now() < cached.renewAt) return cached.token;
    const response = await fetch(new URL('token', `${issuer}/`), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${ISSUER_CLIENT}:${devOnlySecret(ISSUER_CLIENT)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    if (!response.ok) throw new Error(`the issuer refused its own client: ${response.status}`);
    const { access_token, expires_in } = (await response.json()) as {
      access_token: string;
      expires_in: number;
    };
    cached = { token: access_token, renewAt: Date.now() + (expires_in - 30) * 1000 };
    return access_token;
  };
}

export function registerPhoneCodeGrant(provider: Provider, settings: PhoneCodeGrantSettings): void {
  const tokenForIdentity = serviceTokens(settings.issuer);
  const verifyUrl = new URL('phone-codes/verify', `${settings.identityUrl}/`);

  provider.registerGrantType(
    'password',
    async (ctx) => {
      const { phone, code } = ctx.oidc.params as { phone?: unknown; code?: unknown };
      if (typeof phone !== 'string' || !phone || typeof code !== 'string' || !code)
        throw new errors.InvalidRequest(
          'phone and code are required (customers sign in with a phone and an SMS code)',
        );
      const client = ctx.oidc.client as Client;

      let response: Response;
      try {
        response = await fetch(verifyUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${await tokenForIdentity()}`,
          },
          body: JSON.stringify({ phone, code, clientAddress: ctx.ip }),
          signal: AbortSignal.timeout(IDENTITY_TIMEOUT_MS),
        });
      } catch {
        throw new errors.TemporarilyUnavailable('the identity service cannot check the code now');
      }
      // 401/403: identity refused the issuer itself (configuration), not the customer's code.
      if (response.status === 401 || response.status === 403)
        throw new errors.TemporarilyUnavailable('the identity service refused the issuer');
      if (response.status >= 400 && response.status < 500)
        throw new errors.InvalidGrant('the code is wrong, used or expired, or too many tries were made');
      if (!response.ok)
        throw new errors.TemporarilyUnavailable('the identity service cannot check the code now');
      const { subject } = (await response.json()) as { subject?: unknown };
      if (typeof subject !== 'string' || !subject)
        throw new errors.TemporarilyUnavailable('the identity service answered without a subject');

      rememberPhoneCustomer(subject);
      const grant = new provider.Grant({ accountId: subject, clientId: client.clientId });
      grant.addResourceScope(HARVEST_RESOURCE, '');
      const grantId = await grant.save();
      const token = new provider.AccessToken({ accountId: subject, client, grantId, gty: 'password' });
      token.resourceServer = new provider.ResourceServer(HARVEST_RESOURCE, resourceServerFor(client));
      const accessToken = await token.save();
      ctx.body = { access_token: accessToken, token_type: 'Bearer', expires_in: token.expiration };
    },
    ['phone', 'code'],
  );
}
