import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeviceClientsUnavailableError,
  DeviceRegistrationRefusedError,
  deviceClientsOf,
  loadDeviceClientsConfig,
  RegistrationDeviceClients,
  type DeviceClients,
  type IssuedDeviceClient,
} from '@harvest/platform/device-clients';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import {
  DEV_INITIAL_ACCESS_TOKEN,
  freeLoopbackPort,
  spawnEmbeddedIssuer,
  stopProcess,
  waitForDiscovery,
} from './client/issuer-process';
import { clientCredentialsToken, discover } from './client/oidc-flows';

// Scanner enrollment on `npm start`'s issuer: fulfillment's `dynamic-registration` adapter (RFC 7591/7592),
// built from the settings npm start gives fulfillment, against the REAL embedded issuer (its own process, a
// free port, a throw-away data folder). Every device token is verified with jose against the issuer's JWKS.
describe('device enrollment (dynamic-registration) on the embedded issuer', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'harvest-issuer-devices-'));
  let issuer: string;
  let child: ChildProcess;
  let devices: DeviceClients;

  const deviceRequest = (label: string) => ({
    deviceId: randomUUID(),
    fulfillmentCenterId: 'fc-beijing-1',
    label,
  });

  async function verify(token: string): Promise<JWTPayload> {
    const { jwks_uri } = await discover(issuer);
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(jwks_uri)), {
      issuer,
      audience: 'fulfillment',
      algorithms: ['RS256'],
    });
    return payload;
  }

  const tokenOf = (device: IssuedDeviceClient) =>
    clientCredentialsToken(issuer, device.clientId, device.clientSecret);

  beforeAll(async () => {
    const port = await freeLoopbackPort();
    issuer = `http://127.0.0.1:${port}`;
    // No ISSUER_INITIAL_ACCESS_TOKEN: the issuer's dev-only default, the value npm start hands fulfillment.
    child = spawnEmbeddedIssuer({ port, dataDir });
    child.stdout!.resume();
    child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
    await waitForDiscovery(issuer, child);
    devices = deviceClientsOf(
      loadDeviceClientsConfig({
        DEVICE_ENROLLMENT: 'dynamic-registration',
        AUTH_ISSUER_URL: issuer,
        DEVICE_REGISTRATION_TOKEN: DEV_INITIAL_ACCESS_TOKEN,
      }),
      'fulfillment',
    );
  });

  afterAll(async () => {
    if (child) await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('enrolls a device whose client gets a 5-minute scanner token for its center and for fulfillment', async () => {
    expect(devices).toBeInstanceOf(RegistrationDeviceClients);
    const device = await devices.register(deviceRequest('Cold room 2, gun 4'));
    expect(device).toEqual({
      clientId: expect.any(String),
      clientSecret: expect.any(String),
      managementHandle: expect.any(String),
    });
    expect(JSON.parse(device.managementHandle!)).toEqual({
      registrationClientUri: `${issuer}/reg/${device.clientId}`,
      registrationAccessToken: expect.any(String),
    });

    const answer = await tokenOf(device);
    expect(answer.refresh_token).toBeUndefined();
    const claims = await verify(answer.access_token);
    expect(claims).toEqual(
      expect.objectContaining({
        iss: issuer,
        sub: device.clientId,
        azp: device.clientId,
        roles: ['scanner'],
        fulfillment_center_id: 'fc-beijing-1',
        aud: expect.arrayContaining(['fulfillment']),
      }),
    );
    expect(claims.exp! - claims.iat!).toBeGreaterThan(0);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(300);
  });

  it('renews a device secret (a retried enrollment): the new one gets tokens, the old one none', async () => {
    const device = await devices.register(deviceRequest('Dock 1, gun 2'));
    const renewed = await devices.renewSecret(device);
    expect(renewed.clientId).toBe(device.clientId);
    expect(renewed.clientSecret).not.toBe(device.clientSecret);
    expect((await verify((await tokenOf(renewed)).access_token)).fulfillment_center_id).toBe('fc-beijing-1');
    await expect(tokenOf(device)).rejects.toMatchObject({ status: 401, error: 'invalid_client' });
    // The renewed handle still manages the client.
    await devices.disable({ clientId: renewed.clientId, managementHandle: renewed.managementHandle! });
    await expect(tokenOf(renewed)).rejects.toMatchObject({ status: 401, error: 'invalid_client' });
  });

  it('disables a device: its client gets no new token, and disabling again is answered the same', async () => {
    const device = await devices.register(deviceRequest('Freezer, gun 1'));
    await tokenOf(device);
    await devices.disable(device);
    await expect(tokenOf(device)).rejects.toMatchObject({ status: 401, error: 'invalid_client' });
    await expect(devices.disable(device)).resolves.toBeUndefined();
    // Other devices keep working.
    const other = await devices.register(deviceRequest('Freezer, gun 2'));
    await expect(tokenOf(other)).resolves.toEqual(
      expect.objectContaining({ access_token: expect.any(String) }),
    );
  });

  it.each([
    ['without an initial access token', undefined],
    ['with a wrong initial access token', 'not-the-dev-only-token'],
  ])('refuses to enroll %s, saying so and not as a blip to retry', async (_case, initialAccessToken) => {
    const refused = new RegistrationDeviceClients({
      registrationEndpoint: (await discover(issuer)).registration_endpoint!,
      ...(initialAccessToken ? { initialAccessToken } : {}),
    });
    const attempt = refused.register(deviceRequest('Unauthorised gun'));
    await expect(attempt).rejects.toBeInstanceOf(DeviceRegistrationRefusedError);
    await expect(attempt).rejects.not.toBeInstanceOf(DeviceClientsUnavailableError);
    const error = (await attempt.catch((e: unknown) => e)) as DeviceRegistrationRefusedError;
    expect(error).toMatchObject({ kind: 'unavailable', type: 'device-registration-refused' });
    expect(error.retryAfterSeconds).toBeUndefined();
    expect(error.detail).toMatch(/DEVICE_REGISTRATION_TOKEN/);
    expect(String((error.cause as Error).message)).toMatch(/401.*invalid_token/);
  });
});
