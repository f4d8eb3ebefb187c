import { loadConfig, ConfigError } from '@harvest/platform/config';
import { generateKeyPairSync } from 'node:crypto';
import { createPaymentProviders, paymentsEnvShape, readKey } from './payments.config';

const path = (channel: string) => `/payments/notifications/${channel}`;
const load = (env: Record<string, string>) => loadConfig(paymentsEnvShape, env);

describe('payment provider settings', () => {
  it('has no provider by default (npm start needs none)', () => {
    expect(createPaymentProviders(load({}), path)).toEqual([]);
  });

  it('refuses an unknown provider name', () => {
    expect(() => load({ PAYMENT_PROVIDERS: 'wechatpay,paypal' })).toThrow(/PAYMENT_PROVIDERS.*paypal/);
  });

  it('names every missing variable of each provider listed, and the notify base URL', () => {
    let error: ConfigError | undefined;
    try {
      createPaymentProviders(load({ PAYMENT_PROVIDERS: 'wechatpay,alipay' }), path);
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.problems.map((p) => p.variable)).toEqual([
      'PAYMENT_NOTIFY_BASE_URL',
      'WECHATPAY_MCHID',
      'WECHATPAY_APPID',
      'WECHATPAY_MERCHANT_SERIAL_NO',
      'WECHATPAY_MERCHANT_PRIVATE_KEY',
      'WECHATPAY_PLATFORM_PUBLIC_KEY',
      'WECHATPAY_PLATFORM_SERIAL',
      'WECHATPAY_API_V3_KEY',
      'ALIPAY_APP_ID',
      'ALIPAY_APP_PRIVATE_KEY',
      'ALIPAY_PUBLIC_KEY',
    ]);
  });

  it('reads keys as PEM (with escaped newlines) or bare base64 DER, and names an unreadable one', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(readKey(pem.replace(/\n/g, '\\n'), 'private').asymmetricKeyType).toBe('rsa');
    const der = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(readKey(der, 'public').asymmetricKeyType).toBe('rsa');
    expect(() =>
      createPaymentProviders(
        load({
          PAYMENT_PROVIDERS: 'alipay',
          PAYMENT_NOTIFY_BASE_URL: 'https://orders.harvest.test',
          ALIPAY_APP_ID: '2021',
          ALIPAY_APP_PRIVATE_KEY: 'not a key',
          ALIPAY_PUBLIC_KEY: der,
        }),
        path,
      ),
    ).toThrow(/ALIPAY_APP_PRIVATE_KEY: not a readable RSA private key/);
  });
});
