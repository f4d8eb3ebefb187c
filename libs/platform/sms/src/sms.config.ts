import { ConfigError, env, z } from '@harvest/platform/config';
import { AliyunSmsSender } from './aliyun-sms-sender.adapter';
import type { SmsSender } from './sms-sender.port';

export const SMS_DRIVERS = ['aliyun'] as const;

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
};

export interface SmsConfig {
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
  return new AliyunSmsSender(config.aliyun);
}
