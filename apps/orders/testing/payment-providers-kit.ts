import type { Env } from '@harvest/platform/config';
import type { AlipayTestServer, WechatPayTestServer } from '@harvest/platform/payments/testing';

/** The public base URL the providers' test servers are told to notify (they check it is https). */
export const NOTIFY_BASE_URL = 'https://orders.harvest.test';

/**
 * The orders settings that point both providers at their protocol-faithful test servers, with the keys they
 * generated when constructed (nothing committed), and the active query and the refund job left to the spec (sweep()).
 */
export function paymentProvidersEnv(wechat: WechatPayTestServer, alipay: AlipayTestServer): Env {
  return {
    PAYMENT_PROVIDERS: 'wechatpay,alipay',
    PAYMENT_NOTIFY_BASE_URL: NOTIFY_BASE_URL,
    PAYMENT_QUERY_SWEEP_MS: '0',
    REFUND_SWEEP_MS: '0',
    WECHATPAY_ENDPOINT: wechat.endpoint,
    WECHATPAY_MCHID: wechat.mchid,
    WECHATPAY_APPID: wechat.appid,
    WECHATPAY_MERCHANT_SERIAL_NO: wechat.merchantSerialNo,
    WECHATPAY_MERCHANT_PRIVATE_KEY: wechat.merchantPrivateKeyPem(),
    WECHATPAY_PLATFORM_PUBLIC_KEY: wechat.platformPublicKeyPem(),
    WECHATPAY_PLATFORM_SERIAL: wechat.platformSerial,
    WECHATPAY_API_V3_KEY: wechat.apiV3Key,
    ALIPAY_GATEWAY: alipay.gateway,
    ALIPAY_APP_ID: alipay.appId,
    ALIPAY_APP_PRIVATE_KEY: alipay.appPrivateKeyPem(),
    ALIPAY_PUBLIC_KEY: alipay.alipayPublicKeyPem(),
  };
}
