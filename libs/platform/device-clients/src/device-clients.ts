import { DomainError } from '@harvest/platform/errors';

/** What the issuer needs to know to make a device's client: whom it is for and what it may claim. */
export interface DeviceClientRequest {
  /** Our id of the device (a UUID); the Keycloak adapter names the client `scanner-<deviceId>`. */
  deviceId: string;
  /** The center the device works in; every token of the client carries it as `fulfillment_center_id`. */
  fulfillmentCenterId: string;
  /** What the supervisor calls the handheld ("Cold room 2, gun 4"): the client's display name. */
  label: string;
}

/** A device's client at the issuer, as we keep it. */
export interface DeviceClient {
  clientId: string;
  /**
   * What the issuer needs to manage the client later, when that is more than its id (RFC 7592: the
   * registration client URI and its registration access token, as JSON). Undefined for Keycloak.
   */
  managementHandle?: string;
}

/** The client and its secret; the secret is handed to the device once and kept nowhere on our side. */
export interface IssuedDeviceClient extends DeviceClient {
  clientSecret: string;
}

/**
 * The issuer side of scanner enrollment: one confidential OAuth client per device, client credentials only,
 * role `scanner`, its center as a fixed claim, access tokens of at most 5 minutes. Adapters: Keycloak's admin
 * REST API (`KeycloakDeviceClients`) and OAuth dynamic client registration, RFC 7591/7592
 * (`RegistrationDeviceClients`, the embedded issuer of `npm start`).
 */
export abstract class DeviceClients {
  /** False when no issuer is configured (DEVICE_ENROLLMENT=off): callers refuse before writing anything. */
  get configured(): boolean {
    return true;
  }

  /**
   * Creates the device's client. Calling it again for the same device (a retried enrollment whose answer was
   * lost) must not make a second client where the issuer lets us name it (Keycloak): it renews the secret.
   */
  abstract register(request: DeviceClientRequest): Promise<IssuedDeviceClient>;
  /**
   * A new secret for an existing client; the old one stops working. The answer's managementHandle replaces
   * the kept one (RFC 7592 lets the issuer rotate the registration access token on every call).
   */
  abstract renewSecret(client: DeviceClient): Promise<IssuedDeviceClient>;
  /** The client gets no new token from now on; tokens already issued live out their (≤ 5 min) lifetime. */
  abstract disable(client: DeviceClient): Promise<void>;
}

/** The issuer refused or did not answer a client operation: a retry may work, nothing was promised. */
export class DeviceClientsUnavailableError extends DomainError {
  constructor(what: string, cause?: unknown) {
    super('unavailable', 'device-issuer-unavailable', `The token issuer did not ${what}; try again`, {
      retryAfterSeconds: 5,
      cause,
    });
  }
}

/**
 * The issuer refused this service's right to register device clients (RFC 7591: no or a wrong initial access
 * token, 401/403). A retry will not help: an operator must set DEVICE_REGISTRATION_TOKEN to what the issuer
 * expects. 503 like any issuer failure, but without Retry-After.
 */
export class DeviceRegistrationRefusedError extends DomainError {
  constructor(cause?: unknown) {
    super(
      'unavailable',
      'device-registration-refused',
      'The token issuer refused to register the device: this service lacks the right initial access token (DEVICE_REGISTRATION_TOKEN); an operator must set it',
      { cause },
    );
  }
}

/**
 * No issuer is configured to enroll devices with (DEVICE_ENROLLMENT=off). 422, not 503: retrying will not
 * help until an operator configures it, and the request itself is fine.
 */
export class DeviceEnrollmentOffError extends DomainError {
  constructor() {
    super(
      'unprocessable',
      'device-enrollment-off',
      'Device enrollment is not configured on this service (DEVICE_ENROLLMENT)',
    );
  }
}

/** Stands in when DEVICE_ENROLLMENT=off: every operation is refused with 503 saying so. */
export class DisabledDeviceClients extends DeviceClients {
  override get configured(): boolean {
    return false;
  }
  register(): Promise<IssuedDeviceClient> {
    return Promise.reject(new DeviceEnrollmentOffError());
  }
  renewSecret(): Promise<IssuedDeviceClient> {
    return Promise.reject(new DeviceEnrollmentOffError());
  }
  disable(): Promise<void> {
    return Promise.reject(new DeviceEnrollmentOffError());
  }
}

/** The longest life a device's access token may have (issue 18: a disabled scanner is refused within 5 min). */
export const DEVICE_TOKEN_LIFESPAN_SECONDS = 300;
