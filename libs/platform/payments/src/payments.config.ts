import { ConfigError, env, z } from '@harvest/platform/config';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { AlipayProvider } from './alipay-provider.adapter';
import { PAYMENT_CHANNELS, type PaymentChannel, type PaymentProvider } from './payment-provider.port';
import { WechatPayProvider } from './wechat-pay-provider.adapter';

/**
 * The payment settings a service that takes payments spreads into its own config shape. Keys come from the
 * secret store, never a default. PAYMENT_PROVIDERS empty (the default, and what `npm start` uses) means no
 * provider: creating a payment is refused with 503 and orders are paid through the signed callback only.
 */
export const paymentsEnvShape = {
  PAYMENT_PROVIDERS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const names = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = names.filter((n) => !(PAYMENT_CHANNELS as readonly string[]).includes(n));
      if (unknown.length) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown provider(s) ${unknown.join(', ')}; known: ${PAYMENT_CHANNELS.join(', ')}`,
        });
        return z.NEVER;
      }
      return [...new Set(names)] as PaymentChannel[];
    }),
  /** The public https base URL providers post notifications to (this service's, behind the gateway). */
  PAYMENT_NOTIFY_BASE_URL: z.string().url('must be the public https URL of this service').optional(),
  PAYMENT_TIMEOUT_MS: env.int(5000, 1),
  /** A WeChat Pay notification signed further from our clock than this is refused as a replay. */
  PAYMENT_NOTIFICATION_MAX_SKEW_SECONDS: env.int(300, 1),
  WECHATPAY_ENDPOINT: z.string().url().default('https://api.mch.weixin.qq.com'),
  WECHATPAY_MCHID: z.string().min(1).optional(),
  WECHATPAY_APPID: z.string().min(1).optional(),
  WECHATPAY_MERCHANT_SERIAL_NO: z.string().min(1).optional(),
  /** PEM (PKCS#8) of the merchant API certificate's private key. */
  WECHATPAY_MERCHANT_PRIVATE_KEY: z.string().min(1).optional(),
  /** PEM of WeChat Pay's public key (or the platform certificate's), and its id (PUB_KEY_ID_… or serial). */
  WECHATPAY_PLATFORM_PUBLIC_KEY: z.string().min(1).optional(),
  WECHATPAY_PLATFORM_SERIAL: z.string().min(1).optional(),
  WECHATPAY_API_V3_KEY: z.string().length(32, 'must be the 32-character APIv3 key').optional(),
  ALIPAY_GATEWAY: z.string().url().default('https://openapi.alipay.com/gateway.do'),
  ALIPAY_APP_ID: z.string().min(1).optional(),
  /** The app's RSA2 private key: PEM, or the bare base64 PKCS#8 Alipay's key tool writes. */
  ALIPAY_APP_PRIVATE_KEY: z.string().min(1).optional(),
  /** Alipay's public key: PEM, or the bare base64 SPKI the open platform shows. */
  ALIPAY_PUBLIC_KEY: z.string().min(1).optional(),
};

export type PaymentsEnv = z.infer<z.ZodObject<typeof paymentsEnvShape>>;

const REQUIRED: Record<PaymentChannel, Array<keyof PaymentsEnv>> = {
  wechatpay: [
    'WECHATPAY_MCHID',
    'WECHATPAY_APPID',
    'WECHATPAY_MERCHANT_SERIAL_NO',
    'WECHATPAY_MERCHANT_PRIVATE_KEY',
    'WECHATPAY_PLATFORM_PUBLIC_KEY',
    'WECHATPAY_PLATFORM_SERIAL',
    'WECHATPAY_API_V3_KEY',
  ],
  alipay: ['ALIPAY_APP_ID', 'ALIPAY_APP_PRIVATE_KEY', 'ALIPAY_PUBLIC_KEY'],
};

/**
 * The configured providers, or one ConfigError naming every missing or unreadable variable. `notifyPath`
 * gives the service's own notification route of each channel (joined to PAYMENT_NOTIFY_BASE_URL).
 */
export function createPaymentProviders(
  parsed: PaymentsEnv,
  notifyPath: (channel: PaymentChannel) => string,
): PaymentProvider[] {
  const problems: Array<{ variable: string; message: string }> = [];
  const channels = parsed.PAYMENT_PROVIDERS;
  if (channels.length && !parsed.PAYMENT_NOTIFY_BASE_URL)
    problems.push({ variable: 'PAYMENT_NOTIFY_BASE_URL', message: 'Required when PAYMENT_PROVIDERS is set' });
  for (const channel of channels)
    for (const variable of REQUIRED[channel])
      if (!parsed[variable])
        problems.push({ variable, message: `Required for PAYMENT_PROVIDERS=${channel}` });
  const key = (variable: keyof PaymentsEnv, kind: 'private' | 'public'): KeyObject => {
    try {
      return readKey(String(parsed[variable]), kind);
    } catch {
      problems.push({ variable, message: `not a readable RSA ${kind} key (PEM or base64 DER)` });
      return undefined as unknown as KeyObject;
    }
  };
  if (problems.length) throw new ConfigError(problems);
  const base = (parsed.PAYMENT_NOTIFY_BASE_URL ?? '').replace(/\/+$/, '');
  const providers: PaymentProvider[] = [];
  for (const channel of channels) {
    if (channel === 'wechatpay') {
      const merchantPrivateKey = key('WECHATPAY_MERCHANT_PRIVATE_KEY', 'private');
      const platformPublicKey = key('WECHATPAY_PLATFORM_PUBLIC_KEY', 'public');
      providers.push(
        new WechatPayProvider({
          endpoint: parsed.WECHATPAY_ENDPOINT,
          mchid: parsed.WECHATPAY_MCHID!,
          appid: parsed.WECHATPAY_APPID!,
          merchantSerialNo: parsed.WECHATPAY_MERCHANT_SERIAL_NO!,
          merchantPrivateKey,
          platformPublicKey,
          platformSerial: parsed.WECHATPAY_PLATFORM_SERIAL!,
          apiV3Key: parsed.WECHATPAY_API_V3_KEY!,
          notifyUrl: `${base}${notifyPath(channel)}`,
          timeoutMs: parsed.PAYMENT_TIMEOUT_MS,
          maxSkewSeconds: parsed.PAYMENT_NOTIFICATION_MAX_SKEW_SECONDS,
        }),
      );
    } else {
      const appPrivateKey = key('ALIPAY_APP_PRIVATE_KEY', 'private');
      const alipayPublicKey = key('ALIPAY_PUBLIC_KEY', 'public');
      providers.push(
        new AlipayProvider({
          gateway: parsed.ALIPAY_GATEWAY,
          appId: parsed.ALIPAY_APP_ID!,
          appPrivateKey,
          alipayPublicKey,
          notifyUrl: `${base}${notifyPath(channel)}`,
          timeoutMs: parsed.PAYMENT_TIMEOUT_MS,
        }),
      );
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return providers;
}

/** A PEM key, or bare base64 DER (PKCS#8 private, SPKI public); an environment's "\n" escapes are newlines. */
export function readKey(text: string, kind: 'private' | 'public'): KeyObject {
  const pem = text.replace(/\\n/g, '\n').trim();
  if (pem.startsWith('-----BEGIN')) return kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  const der = Buffer.from(pem.replace(/\s+/g, ''), 'base64');
  return kind === 'private'
    ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
    : createPublicKey({ key: der, format: 'der', type: 'spki' });
}
