import { ConfigError, env, loadConfig, z, type Env } from '@harvest/platform/config';
import { DEVICE_TOKEN_LIFESPAN_SECONDS, DeviceClients, DisabledDeviceClients } from './device-clients';
import { KeycloakDeviceClients } from './keycloak-device-clients.adapter';
import {
  discoveredRegistrationEndpoint,
  RegistrationDeviceClients,
} from './registration-device-clients.adapter';

export const DEVICE_ENROLLMENT_KINDS = ['off', 'keycloak-admin', 'dynamic-registration'] as const;

/** The environment of device enrollment; a service that enrolls devices spreads it into its own shape. */
export const deviceClientsConfigShape = {
  /**
   * How devices' clients are made: `keycloak-admin` (the admin REST API of the realm AUTH_ISSUER_URL names, as
   * the client AUTH_CLIENT_ID), `dynamic-registration` (RFC 7591 at the issuer's registration_endpoint, with
   * DEVICE_REGISTRATION_TOKEN), or `off` (enrollment answers 503).
   */
  DEVICE_ENROLLMENT: env.oneOf([...DEVICE_ENROLLMENT_KINDS], 'off'),
  AUTH_ISSUER_URL: z.string().url('must be the issuer URL (http or https)').optional(),
  AUTH_CLIENT_ID: z.string().min(1).optional(),
  AUTH_CLIENT_SECRET: z.string().min(1).optional(),
  /**
   * Access-token lifetime of a device client made through the Keycloak admin API, in seconds: at most 300
   * (issue 18: a disabled scanner is refused within 5 minutes). Shorter only to make that wait short in a spec.
   */
  DEVICE_TOKEN_LIFESPAN_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(DEVICE_TOKEN_LIFESPAN_SECONDS)
    .default(DEVICE_TOKEN_LIFESPAN_SECONDS),
  /** RFC 7591 initial access token (dev-only on the embedded issuer; a secret store elsewhere). */
  DEVICE_REGISTRATION_TOKEN: z.string().min(1).optional(),
};

export type DeviceClientsConfig = z.infer<z.ZodObject<typeof deviceClientsConfigShape>>;

/** Loads the settings and checks that the chosen way has what it needs, naming every missing variable. */
export function loadDeviceClientsConfig(environment: Env): DeviceClientsConfig {
  const config = loadConfig(deviceClientsConfigShape, environment);
  const needed: Array<keyof DeviceClientsConfig> =
    config.DEVICE_ENROLLMENT === 'keycloak-admin'
      ? ['AUTH_ISSUER_URL', 'AUTH_CLIENT_ID', 'AUTH_CLIENT_SECRET']
      : config.DEVICE_ENROLLMENT === 'dynamic-registration'
        ? ['AUTH_ISSUER_URL', 'DEVICE_REGISTRATION_TOKEN']
        : [];
  const missing = needed.filter((variable) => !config[variable]);
  if (missing.length > 0)
    throw new ConfigError(
      missing.map((variable) => ({
        variable,
        message: `Required with DEVICE_ENROLLMENT=${config.DEVICE_ENROLLMENT}`,
      })),
    );
  return config;
}

/** The adapter the settings choose; `audience` is the service device tokens are for. */
export function deviceClientsOf(config: DeviceClientsConfig, audience: string): DeviceClients {
  switch (config.DEVICE_ENROLLMENT) {
    case 'keycloak-admin':
      return new KeycloakDeviceClients({
        issuerUrl: config.AUTH_ISSUER_URL!,
        clientId: config.AUTH_CLIENT_ID!,
        clientSecret: config.AUTH_CLIENT_SECRET!,
        audience,
        tokenLifespanSeconds: config.DEVICE_TOKEN_LIFESPAN_SECONDS,
      });
    case 'dynamic-registration':
      return new RegistrationDeviceClients({
        registrationEndpoint: discoveredRegistrationEndpoint(config.AUTH_ISSUER_URL!),
        initialAccessToken: config.DEVICE_REGISTRATION_TOKEN!,
      });
    case 'off':
      return new DisabledDeviceClients();
  }
}
