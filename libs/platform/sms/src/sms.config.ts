import { ConfigError, env, z } from '@harvest/platform/config';
import { AliyunSmsSender } from './aliyun-sms-sender.adapter';
import { OutboxSmsSender } from './outbox-sms-sender.adapter';
import type { SmsSender } from './sms-sender.port';

/** aliyun: Aliyun SMS (production, default); outbox: a local file standing in for the handset (`npm start`). */
export const SMS_DRIVERS = ['aliyun', 'outbox'] as const;

/** The SMS settings a service that uses 'sms' reads. Keys come from the secret store, never a default. */
export const smsEnvShape = {
  SMS_DRIVER: env.oneOf([...SMS_DRIVERS], 'aliyun'),
  SMS_ALIYUN_ENDPOINT: z
    .string()
    .url('must be the SMS API URL, e.g. https://dysmsapi.aliyuncs.com')
    .default('https://dysmsapi.aliyuncs.com'),
  SMS_ALIYUN_ACCESS_KEY_ID: z.string().min(1).optional(),
  SMS_ALIYUN_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  SMS_ALIYUN_REGION_ID: env.string('cn-hangzhou'),
  /** The approved message signature (签名), e.g. Harvest or 丰收生鲜. */
  SMS_SIGN_NAME: env.string('Harvest'),
  SMS_TIMEOUT_MS: env.int(5000, 1),
  /** SMS_DRIVER=outbox: the file messages are appended to. */
  SMS_OUTBOX_FILE: env.string('.cache/run/sms-outbox.jsonl'),
};

export type SmsConfig = { driver: 'outbox'; outboxFile: string } | AliyunSmsConfig;

interface AliyunSmsConfig {
  driver: 'aliyun';
  aliyun: {
    endpoint: string;
    accessKeyId: string;
    accessKeySecret: string;
    regionId: string;
    signName: string;
    timeoutMs: number;
  };
}

type SmsEnv = z.infer<z.ZodObject<typeof smsEnvShape>>;

/** The driver's settings, or one ConfigError naming each missing key. */
export function smsConfigFromEnv(parsed: SmsEnv): SmsConfig {
  if (parsed.SMS_DRIVER === 'outbox') return { driver: 'outbox', outboxFile: parsed.SMS_OUTBOX_FILE };
  const missing = (['SMS_ALIYUN_ACCESS_KEY_ID', 'SMS_ALIYUN_ACCESS_KEY_SECRET'] as const).filter(
    (v) => !parsed[v],
  );
  if (missing.length)
    throw new ConfigError(
      missing.map((variable) => ({ variable, message: 'Required for SMS_DRIVER=aliyun' })),
    );
  return {
    driver: 'aliyun',
    aliyun: {
      endpoint: parsed.SMS_ALIYUN_ENDPOINT,
      accessKeyId: parsed.SMS_ALIYUN_ACCESS_KEY_ID!,
      accessKeySecret: parsed.SMS_ALIYUN_ACCESS_KEY_SECRET!,
      regionId: parsed.SMS_ALIYUN_REGION_ID,
      signName: parsed.SMS_SIGN_NAME,
      timeoutMs: parsed.SMS_TIMEOUT_MS,
    },
  };
}

export function createSmsSender(config: SmsConfig): SmsSender {
  return config.driver === 'outbox'
    ? new OutboxSmsSender(config.outboxFile)
    : new AliyunSmsSender(config.aliyun);
}
