import type { KeyObject } from 'node:crypto';
import {
  PaymentNotificationRejected,
  PaymentProvider,
  PaymentProviderRefusedError,
  PaymentProviderUnavailableError,
  type CreatePaymentRequest,
  type NotificationAcknowledgement,
  type NotificationRequest,
  type PaymentNotification,
  type PreparedPayment,
  type ProviderPaymentState,
  type ProviderPaymentStatus,
  type RefundRequest,
  type RefundResult,
} from './payment-provider.port';
import {
  rsaSha256Sign,
  rsaSha256Verify,
  wechatAnswerMessage,
  wechatAuthorizationHeader,
  wechatDecryptResource,
  wechatNonce,
  wechatRequestMessage,
  wechatTime,
  type WechatEncryptedResource,
} from './wechat-pay-signature';

export interface WechatPaySettings {
  /** https://api.mch.weixin.qq.com in production; the test server's URL in specs. */
  endpoint: string;
  mchid: string;
  appid: string;
  /** The serial number of the merchant API certificate whose private key signs our requests. */
  merchantSerialNo: string;
  merchantPrivateKey: KeyObject;
  /** WeChat Pay's public key (or platform certificate key) and its id, which answers and notifications carry. */
  platformPublicKey: KeyObject;
  platformSerial: string;
  /** The 32-byte APIv3 key that encrypts notification resources. */
  apiV3Key: string;
  notifyUrl: string;
  timeoutMs: number;
  /** A notification whose Wechatpay-Timestamp is further off than this is refused as a replay (WeChat: 5 min). */
  maxSkewSeconds: number;
}

/** The decrypted `transaction` resource and the query answer share this shape. */
interface WechatTransaction {
  mchid?: string;
  appid?: string;
  out_trade_no?: string;
  transaction_id?: string;
  trade_state?: string;
  success_time?: string;
  amount?: { total?: number; payer_total?: number; currency?: string };
}

const STATES: Record<string, ProviderPaymentState> = {
  SUCCESS: 'succeeded',
  REFUND: 'succeeded', // paid, then (partly) refunded: the payment itself happened
  NOTPAY: 'pending',
  USERPAYING: 'pending',
  CLOSED: 'closed',
  REVOKED: 'closed',
  PAYERROR: 'failed',
};

/**
 * WeChat Pay API v3, Native payment (扫码支付): the customer scans `code_url`. Requests are signed with the
 * merchant key, every 2xx answer's signature is verified with WeChat Pay's public key before it is believed,
 * and notifications are verified, checked for freshness and decrypted with the APIv3 key.
 */
export class WechatPayProvider extends PaymentProvider {
  readonly channel = 'wechatpay' as const;

  constructor(private readonly settings: WechatPaySettings) {
    super();
  }

  async createPayment(request: CreatePaymentRequest): Promise<PreparedPayment> {
    const answer = await this.call<{ code_url?: string }>('POST', '/v3/pay/transactions/native', {
      appid: this.settings.appid,
      mchid: this.settings.mchid,
      description: request.description.slice(0, 127),
      out_trade_no: request.outTradeNo,
      time_expire: wechatTime(request.expiresAt),
      notify_url: this.settings.notifyUrl,
      amount: { total: request.amountFen, currency: 'CNY' },
    });
    if (!answer.body?.code_url) throw new PaymentProviderUnavailableError('no code_url in the answer');
    return { codeUrl: answer.body.code_url };
  }

  async queryPayment(outTradeNo: string): Promise<ProviderPaymentStatus> {
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(this.settings.mchid)}`;
    const answer = await this.call<WechatTransaction>('GET', path, undefined, ['ORDER_NOT_EXIST']);
    if (answer.notFound || !answer.body)
      return { outTradeNo, state: 'not-found', providerTradeNo: null, amountFen: null, paidAt: null };
    return this.statusOf(answer.body, outTradeNo);
  }

  async closePayment(outTradeNo: string): Promise<void> {
    await this.call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, {
      mchid: this.settings.mchid,
    });
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const answer = await this.call<{ refund_id?: string; status?: string }>(
      'POST',
      '/v3/refund/domestic/refunds',
      {
        out_trade_no: request.outTradeNo,
        out_refund_no: request.outRefundNo,
        reason: request.reason.slice(0, 80),
        amount: { refund: request.refundFen, total: request.totalFen, currency: 'CNY' },
      },
    );
    const status = answer.body?.status;
    const providerRefundNo = answer.body?.refund_id ?? null;
    if (status === 'SUCCESS') return { state: 'succeeded', providerRefundNo };
    if (status === 'PROCESSING') return { state: 'processing', providerRefundNo };
    if (status === 'CLOSED' || status === 'ABNORMAL')
      return { state: 'failed', providerRefundNo, providerCode: status };
    throw new PaymentProviderUnavailableError('no refund status in the answer');
  }

  verifyNotification(request: NotificationRequest, now: Date): PaymentNotification {
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const timestamp = header('wechatpay-timestamp');
    const nonce = header('wechatpay-nonce');
    const signature = header('wechatpay-signature');
    const serial = header('wechatpay-serial');
    if (!timestamp || !nonce || !signature || !serial || !/^\d{1,12}$/.test(timestamp))
      throw new PaymentNotificationRejected('bad-signature', 'the Wechatpay-* signature headers are missing');
    if (serial !== this.settings.platformSerial)
      throw new PaymentNotificationRejected('bad-signature', 'signed with a key we do not know');
    const body = request.rawBody.toString('utf8');
    if (
      !rsaSha256Verify(
        this.settings.platformPublicKey,
        wechatAnswerMessage(timestamp, nonce, body),
        signature,
      )
    )
      throw new PaymentNotificationRejected('bad-signature', 'the signature does not match the body');
    if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > this.settings.maxSkewSeconds)
      throw new PaymentNotificationRejected('stale', 'the notification is too old or too new');
    let envelope: { id?: unknown; event_type?: unknown; resource?: WechatEncryptedResource };
    try {
      envelope = JSON.parse(body) as typeof envelope;
    } catch {
      throw new PaymentNotificationRejected('malformed', 'the body is not JSON');
    }
    if (
      typeof envelope.id !== 'string' ||
      !envelope.resource ||
      typeof envelope.resource.ciphertext !== 'string'
    )
      throw new PaymentNotificationRejected('malformed', 'not a WeChat Pay notification');
    let transaction: WechatTransaction;
    try {
      transaction = JSON.parse(
        wechatDecryptResource(this.settings.apiV3Key, envelope.resource),
      ) as WechatTransaction;
    } catch {
      throw new PaymentNotificationRejected(
        'undecryptable',
        'the resource does not decrypt with our APIv3 key',
      );
    }
    if (transaction.mchid !== this.settings.mchid || transaction.appid !== this.settings.appid)
      throw new PaymentNotificationRejected('not-ours', 'the transaction is for another merchant or app');
    if (typeof transaction.out_trade_no !== 'string')
      throw new PaymentNotificationRejected('malformed', 'the transaction has no out_trade_no');
    return { notificationId: envelope.id, ...this.statusOf(transaction, transaction.out_trade_no) };
  }

  acknowledgement(): NotificationAcknowledgement {
    // WeChat Pay v3 takes 200 or 204 as "received"; a body is optional.
    return { contentType: 'application/json', body: '{"code":"SUCCESS","message":"成功"}' };
  }

  private statusOf(transaction: WechatTransaction, outTradeNo: string): ProviderPaymentStatus {
    const state = STATES[transaction.trade_state ?? ''] ?? 'pending';
    const total = transaction.amount?.total;
    return {
      outTradeNo,
      state,
      providerTradeNo: transaction.transaction_id ?? null,
      amountFen: Number.isSafeInteger(total) ? total! : null,
      paidAt: state === 'succeeded' && transaction.success_time ? new Date(transaction.success_time) : null,
    };
  }

  /**
   * One signed call. 2xx answers are believed only with a valid signature; `notFoundCodes` are error codes
   * that mean "no such trade" rather than a failure; other 4xx are refusals; 5xx and silence are unavailable.
   */
  private async call<T>(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    payload?: object,
    notFoundCodes: string[] = [],
  ): Promise<{ body: T | null; notFound?: boolean }> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = wechatNonce();
    const authorization = wechatAuthorizationHeader({
      mchid: this.settings.mchid,
      nonce_str: nonce,
      timestamp,
      serial_no: this.settings.merchantSerialNo,
      signature: rsaSha256Sign(
        this.settings.merchantPrivateKey,
        wechatRequestMessage(method, pathAndQuery, timestamp, nonce, body),
      ),
    });
    let response: Response;
    try {
      response = await fetch(`${this.settings.endpoint.replace(/\/+$/, '')}${pathAndQuery}`, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          'user-agent': 'harvest-orders',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(payload === undefined ? {} : { body }),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch {
      throw new PaymentProviderUnavailableError('WeChat Pay did not answer');
    }
    const text = await response.text();
    if (response.status >= 500)
      throw new PaymentProviderUnavailableError(`WeChat Pay answered ${response.status}`);
    if (!response.ok) {
      const code = (safeJson(text) as { code?: unknown } | null)?.code;
      const providerCode = typeof code === 'string' ? code : `HTTP ${response.status}`;
      if (notFoundCodes.includes(providerCode)) return { body: null, notFound: true };
      throw new PaymentProviderRefusedError(providerCode);
    }
    const h = (name: string) => response.headers.get(name) ?? '';
    if (
      h('wechatpay-serial') !== this.settings.platformSerial ||
      !rsaSha256Verify(
        this.settings.platformPublicKey,
        wechatAnswerMessage(h('wechatpay-timestamp'), h('wechatpay-nonce'), text),
        h('wechatpay-signature'),
      )
    )
      throw new PaymentProviderUnavailableError('the answer is not signed by WeChat Pay');
    return { body: text ? (safeJson(text) as T | null) : null };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
