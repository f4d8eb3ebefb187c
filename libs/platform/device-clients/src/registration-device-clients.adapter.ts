import {
  DeviceClients,
  DeviceClientsUnavailableError,
  DeviceRegistrationRefusedError,
  type DeviceClient,
  type DeviceClientRequest,
  type IssuedDeviceClient,
} from './device-clients';
import { callIssuer, expectStatus } from './issuer-http';

export interface RegistrationDeviceClientsSettings {
  /** The issuer's RFC 7591 registration endpoint, or how to find it (its discovery document's `registration_endpoint`). */
  registrationEndpoint: string | (() => Promise<string>);
  /**
   * The initial access token the issuer demands for registration (RFC 7591 §3; dev-only on the embedded
   * issuer); absent for an issuer that lets anyone register.
   */
  initialAccessToken?: string;
}

/** RFC 7592's handle on one registered client, kept by us as DeviceClient.managementHandle. */
interface RegistrationHandle {
  registrationClientUri: string;
  registrationAccessToken: string;
}

/**
 * Device clients through OAuth 2.0 Dynamic Client Registration (RFC 7591) and its management protocol
 * (RFC 7592), for an issuer without Keycloak's admin API: the embedded `oidc-provider` of `npm start`.
 * The metadata asks for client credentials only and carries the extension member `fulfillment_center_id`,
 * which that issuer puts into the client's tokens with the role `scanner` (its side of the contract, in
 * docs/identity.md). The issuer chooses the client id. RFC 7592 has no "disabled" state, so disabling deletes
 * the registration (the token endpoint then refuses the client); renewing the secret re-sends the metadata
 * without the secret, which RFC 7592 §2.2 lets the issuer answer with a new one (the embedded issuer does).
 * Proven against the real embedded issuer by infra/embedded-issuer/device-enrollment.int.spec.ts.
 */
export class RegistrationDeviceClients extends DeviceClients {
  constructor(private readonly settings: RegistrationDeviceClientsSettings) {
    super();
  }

  async register(request: DeviceClientRequest): Promise<IssuedDeviceClient> {
    const { initialAccessToken } = this.settings;
    const answer = await callIssuer('register the device', await this.endpoint(), {
      method: 'POST',
      headers: {
        ...(initialAccessToken ? { authorization: `Bearer ${initialAccessToken}` } : {}),
        'content-type': 'application/json',
      },
      body: JSON.stringify(metadataOf(request)),
    });
    // RFC 7591 §3.3 / RFC 6750: 401 (no token, or a wrong one) or 403 (one without the right): not a blip.
    if (answer.status === 401 || answer.status === 403)
      throw new DeviceRegistrationRefusedError(
        new Error(`issuer answered ${answer.status}: ${JSON.stringify(answer.body)?.slice(0, 300)}`),
      );
    const response = expectStatus('register the device', answer, 201);
    const body = response.body as Record<string, unknown>;
    const { client_id, client_secret, registration_client_uri, registration_access_token } = body;
    if (
      typeof client_id !== 'string' ||
      typeof client_secret !== 'string' ||
      typeof registration_client_uri !== 'string' ||
      typeof registration_access_token !== 'string'
    )
      throw new DeviceClientsUnavailableError('register the device (incomplete RFC 7591 answer)');
    const handle: RegistrationHandle = {
      registrationClientUri: registration_client_uri,
      registrationAccessToken: registration_access_token,
    };
    return { clientId: client_id, clientSecret: client_secret, managementHandle: JSON.stringify(handle) };
  }

  private async endpoint(): Promise<string> {
    const { registrationEndpoint } = this.settings;
    return typeof registrationEndpoint === 'string' ? registrationEndpoint : registrationEndpoint();
  }

  async renewSecret(client: DeviceClient): Promise<IssuedDeviceClient> {
    const handle = handleOf(client);
    const read = expectStatus(
      'read the device registration',
      await callIssuer('read the device registration', handle.registrationClientUri, {
        method: 'GET',
        headers: { authorization: `Bearer ${handle.registrationAccessToken}` },
      }),
      200,
    ).body as Record<string, unknown>;
    const current = rotated(handle, read);
    const {
      client_secret: oldSecret,
      registration_access_token: _token,
      registration_client_uri: _uri,
      client_secret_expires_at: _expires,
      client_id_issued_at: _issued,
      ...metadata
    } = read;
    const updated = expectStatus(
      'renew the device secret',
      await callIssuer('renew the device secret', current.registrationClientUri, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${current.registrationAccessToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ ...metadata, client_id: client.clientId }),
      }),
      200,
    ).body as Record<string, unknown>;
    if (typeof updated.client_secret !== 'string' || updated.client_secret === oldSecret)
      throw new DeviceClientsUnavailableError('renew the device secret (the issuer kept the old one)');
    return {
      clientId: client.clientId,
      clientSecret: updated.client_secret,
      managementHandle: JSON.stringify(rotated(current, updated)),
    };
  }

  async disable(client: DeviceClient): Promise<void> {
    const handle = handleOf(client);
    expectStatus(
      'delete the device registration',
      await callIssuer('delete the device registration', handle.registrationClientUri, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${handle.registrationAccessToken}` },
      }),
      204,
      404,
      // RFC 7592 §2.3: a client that no longer exists is 401 (its registration access token went with it):
      // a disable retried after the issuer deleted the client (the first answer was lost). Caveat: an issuer
      // that rotated the token without our keeping the new one answers the same for a live client.
      401,
    );
  }
}

/** RFC 7591 client metadata of a scanner handheld. */
export function metadataOf(request: DeviceClientRequest): Record<string, unknown> {
  return {
    client_name: request.label,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
    fulfillment_center_id: request.fulfillmentCenterId,
  };
}

/** The handle with the registration access token an RFC 7592 answer rotated in, if it did. */
function rotated(handle: RegistrationHandle, answer: Record<string, unknown>): RegistrationHandle {
  return {
    registrationClientUri:
      typeof answer.registration_client_uri === 'string'
        ? answer.registration_client_uri
        : handle.registrationClientUri,
    registrationAccessToken:
      typeof answer.registration_access_token === 'string'
        ? answer.registration_access_token
        : handle.registrationAccessToken,
  };
}

function handleOf(client: DeviceClient): RegistrationHandle {
  const parsed: unknown = client.managementHandle ? JSON.parse(client.managementHandle) : undefined;
  const handle = parsed as Partial<RegistrationHandle> | undefined;
  if (typeof handle?.registrationClientUri !== 'string' || typeof handle.registrationAccessToken !== 'string')
    throw new DeviceClientsUnavailableError(`manage ${client.clientId} (no RFC 7592 registration kept)`);
  return handle as RegistrationHandle;
}

/** The `registration_endpoint` of an issuer's OpenID Connect discovery document, looked up once. */
export function discoveredRegistrationEndpoint(issuerUrl: string): () => Promise<string> {
  let found: Promise<string> | undefined;
  const discover = async (): Promise<string> => {
    const url = `${issuerUrl.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const { body } = expectStatus(
      'answer discovery',
      await callIssuer('answer discovery', url, { method: 'GET' }),
      200,
    );
    const endpoint = (body as { registration_endpoint?: unknown }).registration_endpoint;
    if (typeof endpoint !== 'string')
      throw new DeviceClientsUnavailableError(
        'name a registration_endpoint (RFC 7591) in its discovery document',
      );
    return endpoint;
  };
  return () =>
    (found ??= discover().catch((error: unknown) => {
      found = undefined;
      throw error;
    }));
}
