import { ConfigError } from '@harvest/platform/config';
import { loadCallcenterConfig } from './callcenter.config';

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
    expect(
      loadCallcenterConfig({ CALLCENTER_WEBHOOK_SECRETS: ' new-secret-0123456789 , old-secret-0123456789 ' })
        .CALLCENTER_WEBHOOK_SECRETS,
    ).toEqual(['new-secret-0123456789', 'old-secret-0123456789']);
  });

  it('names each bad variable', () => {
    try {
      loadCallcenterConfig({
        CALLCENTER_WEBHOOK_SECRETS: 'short',
        CALLCENTER_VENDOR_BASE_URL: 'not a url',
        CALLCENTER_VENDOR_TIMEOUT_MS: '0',
        ORDERS_BASE_URL: 'orders',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const name of [
        'CALLCENTER_WEBHOOK_SECRETS',
        'CALLCENTER_VENDOR_BASE_URL',
        'CALLCENTER_VENDOR_TIMEOUT_MS',
        'ORDERS_BASE_URL',
      ])
        expect(message).toContain(name);
    }
  });

  it('has retention defaults (weekly pops, numbers masked after 90 days, hourly sweep) and names a bad retention setting', () => {
    const config = loadCallcenterConfig({});
    expect(config).toMatchObject({
      CALLCENTER_RETENTION_SWEEP_MS: 3_600_000,
      CALLCENTER_SCREEN_POP_RETENTION_HOURS: 168,
      CALLCENTER_CALL_NUMBER_RETENTION_DAYS: 90,
      CALLCENTER_RETENTION_BATCH_SIZE: 500,
    });
    expect(loadCallcenterConfig({ CALLCENTER_RETENTION_SWEEP_MS: '0' }).CALLCENTER_RETENTION_SWEEP_MS).toBe(
      0,
    );
    for (const [variable, value] of [
      ['CALLCENTER_RETENTION_SWEEP_MS', '-1'],
      ['CALLCENTER_SCREEN_POP_RETENTION_HOURS', '0'],
      ['CALLCENTER_CALL_NUMBER_RETENTION_DAYS', 'ninety'],
      ['CALLCENTER_RETENTION_BATCH_SIZE', '100000'],
    ]) {
      expect(() => loadCallcenterConfig({ [variable!]: value })).toThrow(new RegExp(variable!));
    }
  });

  it('refuses keeping screen pops (full numbers) longer than call numbers', () => {
    expect(() =>
      loadCallcenterConfig({
        CALLCENTER_CALL_NUMBER_RETENTION_DAYS: '2',
        CALLCENTER_SCREEN_POP_RETENTION_HOURS: '49',
      }),
    ).toThrow(/CALLCENTER_SCREEN_POP_RETENTION_HOURS/);
    expect(
      loadCallcenterConfig({
        CALLCENTER_CALL_NUMBER_RETENTION_DAYS: '2',
        CALLCENTER_SCREEN_POP_RETENTION_HOURS: '48',
      }).CALLCENTER_SCREEN_POP_RETENTION_HOURS,
    ).toBe(48);
  });
});
