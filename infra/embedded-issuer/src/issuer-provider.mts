/**
 * The embedded OpenID Connect issuer's configuration: oidc-provider (panva) set up to issue what the Keycloak
 * realm issues (docs/identity.md, "Embedded issuer"). Access tokens are JWTs (RS256, `kid`) for one
 * resource (harvest-resource.mts) and say in `aud` which services accept them (token-claims.mts).
 */
import { randomBytes } from 'node:crypto';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { STATIC_CLIENTS } from './clients.mts';
import { accountOf } from './demo-accounts.mts';
import { adapterFor } from './issuer-adapter.mts';
import { registerPhoneCodeGrant } from './phone-code-grant.mts';
import { signInPages } from './sign-in-pages.mts';
import type { IssuerKeys } from './signing-keys.mts';
import {
  accessTokenTtlOf,
  audienceOf,
  harvestClaimsOf,
  subjectOf,
  UnknownClientError,
  type TokenLike,
} from './token-claims.mts';
import { HARVEST_RESOURCE, resourceServerFor } from './harvest-resource.mts';

export interface IssuerSettings {
  issuer: string;
  dataDir: string;
  keys: IssuerKeys;
  /** RFC 7591 initial access token: who holds it may register (enrol) device clients. */
  initialAccessToken: string;
  /** The identity service that checks a customer's SMS code (POST /phone-codes/verify). */
  identityUrl: string;
}

/** `dev-only-<client>-secret`-style center ids: short, lowercase, dashes (fc-beijing-1). */
const CENTER_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Redirect URIs registered as `<origin>/*` (the realm's spelling) allow anything under that origin. */
function matchesRegistered(registered: readonly string[], value: string): boolean {
  return registered.some((uri) => (uri.endsWith('/*') ? value.startsWith(uri.slice(0, -1)) : uri === value));
}

export function createIssuer(settings: IssuerSettings): Provider {
  const configuration: Configuration = {
    adapter: adapterFor(settings.dataDir),
    clients: STATIC_CLIENTS,
    jwks: settings.keys.jwks as Configuration['jwks'],
    cookies: { keys: settings.keys.cookieKeys },
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access'],
    claims: { openid: ['sub'] },
    findAccount: async (_ctx, sub) =>
      accountOf(sub) ? { accountId: sub, claims: async () => ({ sub }) } : undefined,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    extraClientMetadata: {
      // fulfillment_center_id: a device client's center; enabled: false disables a client (RFC 7592 PUT).
      properties: ['fulfillment_center_id', 'enabled'],
      validator(ctx, key, value, metadata) {
        if (key === 'enabled' && value !== undefined && typeof value !== 'boolean')
          throw new errors.InvalidClientMetadata('enabled must be a boolean');
        if (key !== 'fulfillment_center_id') return;
        if (value !== undefined && (typeof value !== 'string' || !CENTER_ID.test(value)))
          throw new errors.InvalidClientMetadata(
            'fulfillment_center_id must be a center id like fc-beijing-1',
          );
        const route = (ctx as KoaContextWithOIDC | undefined)?.oidc?.route;
        if (route !== 'registration' && route !== 'client_update') return;
        // A client registered at run time is a scanner device: it needs its center and uses client
        // credentials only, whatever else the request said.
        if (value === undefined)
          throw new errors.InvalidClientMetadata(
            'fulfillment_center_id is required: registered clients are scanner devices',
          );
        metadata.grant_types = ['client_credentials'];
        metadata.response_types = [];
        metadata.redirect_uris = [];
        // RFC 7592 §2.2: an update that leaves client_secret out may be answered with a new one. oidc-provider
        // keeps the old one; a device's secret is renewed this way (an enrolment retried after its answer was
        // lost), so the issuer rotates it. An update that sends the secret (enable/disable) keeps it.
        const body = (ctx as KoaContextWithOIDC).oidc.body as Record<string, unknown> | undefined;
        if (route === 'client_update' && body?.client_secret === undefined)
          metadata.client_secret = randomBytes(48).toString('base64url');
      },
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      deviceFlow: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true },
      registration: {
        enabled: true,
        initialAccessToken: settings.initialAccessToken,
      },
      registrationManagement: { enabled: true, rotateRegistrationAccessToken: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => HARVEST_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resourceIndicator, client) => {
          if (resourceIndicator !== HARVEST_RESOURCE) throw new errors.InvalidTarget();
          return resourceServerFor(client);
        },
      },
    },
    ttl: {
      AccessToken: (_ctx, token, client) => accessTokenTtlOf(subjectOf({ ...token, client })),
      ClientCredentials: (_ctx, token, client) => accessTokenTtlOf(subjectOf({ ...token, client })),
      AuthorizationCode: 60,
      DeviceCode: 600,
      Grant: 8 * 3600,
      IdToken: 1800,
      Interaction: 900,
      RefreshToken: 8 * 3600,
      Session: 8 * 3600,
    },
    async extraTokenClaims(_ctx, token) {
      const { client } = token as TokenLike;
      // A disabled client (a scanner taken out of service) gets no new token; those it holds expire in 5 min.
      if (client?.metadata().enabled === false) throw new errors.InvalidClientAuth('the client is disabled');
      try {
        return { ...harvestClaimsOf(subjectOf(token as TokenLike)) };
      } catch (error) {
        if (error instanceof UnknownClientError) throw new errors.InvalidClient(error.message);
        throw error;
      }
    },
    formats: {
      customizers: {
        // The library writes the resource's single audience; the contract wants the services, as an array.
        async jwt(_ctx, token, jwt) {
          jwt.payload.aud = audienceOf(subjectOf(token as TokenLike));
        },
      },
    },
    clientBasedCORS: (_ctx, origin, client) => matchesRegistered(client.redirectUris ?? [], `${origin}/`),
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      const text = Object.entries(out)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join('\n')
        .replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
      ctx.body = `<!doctype html><title>Sign-in error</title><h1>Sign-in error</h1><pre>${text}</pre>`;
    },
  };

  const provider = new Provider(settings.issuer, configuration);
  const { redirectUriAllowed, postLogoutRedirectUriAllowed } = provider.Client.prototype;
  provider.Client.prototype.redirectUriAllowed = function (value: string): boolean {
    return matchesRegistered(this.redirectUris ?? [], value) || redirectUriAllowed.call(this, value);
  };
  provider.Client.prototype.postLogoutRedirectUriAllowed = function (value: string): boolean {
    return (
      matchesRegistered(this.redirectUris ?? [], value) || postLogoutRedirectUriAllowed.call(this, value)
    );
  };
  provider.use(signInPages(provider));
  registerPhoneCodeGrant(provider, settings);
  return provider;
}
