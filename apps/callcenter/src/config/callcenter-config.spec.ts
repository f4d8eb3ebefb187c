import { ConfigError } from '@harvest/platform/config';
import { loadCallcenterConfig } from './callcenter-config';

describe('callcenter config', () => {
  it('starts with no vendor and no orders configured (the embedded default)', () => {
    const config = loadCallcenterConfig({});
    expect(config.CALLCENTER_VENDOR_BASE_URL).toBeUndefined();
    expect(config.CALLCENTER_WEBHOOK_SECRETS).toEqual([]);
    expect(config.CALLCENTER_WEBHOOK_MAX_SKEW_SECONDS).toBe(300);
    expect(config.ORDERS_BASE_URL).toBe('http://127.0.0.1:3002'); // where npm start runs orders
    expect(loadCallcenterConfig({ ORDERS_BASE_URL: '' }).ORDERS_BASE_URL).toBeUndefined();
  });

  it('reads the active webhook secrets as a list, for rotation', () => {
    expect(loadCallcenterConfig({ CALLCENTER_WEBHOOK_SECRETS: ' new-secret-0123456789 , old-secret-0123456789 ' }).CALLCENTER_WEBHOOK_SECRETS).toEqual([
      'new-secret-0123456789',
      'old-secret-0123456789',
    ]);
  });

  it('names each bad variable', () => {
    try {
      loadCallcenterConfig({ CALLCENTER_WEBHOOK_SECRETS: 'short', CALLCENTER_VENDOR_BASE_URL: 'not a url', CALLCENTER_VENDOR_TIMEOUT_MS: '0', ORDERS_BASE_URL: 'orders' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const name of ['CALLCENTER_WEBHOOK_SECRETS', 'CALLCENTER_VENDOR_BASE_URL', 'CALLCENTER_VENDOR_TIMEOUT_MS', 'ORDERS_BASE_URL']) expect(message).toContain(name);
    }
  });
});
