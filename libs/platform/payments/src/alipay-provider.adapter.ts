import type { KeyObject } from 'node:crypto';
import { fenToYuan, yuanToFen } from './money';
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
  alipayResponseContent,
  alipayResponseKey,
  alipaySign,
  alipaySignContent,
  alipayTime,
  alipayVerify,
  parseAlipayTime,
} from './alipay-signature';

export interface AlipaySettings {
  /** https://openapi.alipay.com/gateway.do in production; the test server's gateway in specs. */
  gateway: string;
  appId: string;
  appPrivateKey: KeyObject;
  alipayPublicKey: KeyObject;
  notifyUrl: string;
  timeoutMs: number;
}

const STATES: Record<string, ProviderPaymentState> = {
  WAIT_BUYER_PAY: 'pending',
  TRADE_SUCCESS: 'succeeded',
  TRADE_FINISHED: 'succeeded',
  TRADE_CLOSED: 'closed',
};

interface AlipayTrade {
  code?: string;
  sub_code?: string;
  out_trade_no?: string;
  trade_no?: string;
  trade_status?: string;
  total_amount?: string;
  send_pay_date?: string;
  qr_code?: string;
}

/**
 * Alipay open API, face-to-face precreate (当面付 扫码): the customer scans `qr_code`. Requests are RSA2-signed
 * form posts to the gateway; an answer is believed only when its `sign` verifies with Alipay's public key over
 * the raw response member; async notifications are verified the same way and must name our app.
 */
export class AlipayProvider extends PaymentProvider {
  readonly channel = 'alipay' as const;

  constructor(private readonly settings: AlipaySettings) {
    super();
  }

  async createPayment(request: CreatePaymentRequest): Promise<PreparedPayment> {
    const answer = await this.call(
      'alipay.trade.precreate',
      {
        out_trade_no: request.outTradeNo,
        total_amount: fenToYuan(request.amountFen),
        subject: request.description.slice(0, 256),
        time_expire: alipayTime(request.expiresAt),
      },
      true,
    );
    if (answer.code !== '10000')
      throw new PaymentProviderRefusedError(answer.sub_code ?? answer.code ?? 'unknown');
    if (!answer.qr_code) throw new PaymentProviderUnavailableError('no qr_code in the answer');
    return { codeUrl: answer.qr_code };
  }

  async queryPayment(outTradeNo: string): Promise<ProviderPaymentStatus> {
    const answer = await this.call('alipay.trade.query', { out_trade_no: outTradeNo });
    // Before the buyer scans, a precreated trade does not exist at Alipay yet.
    if (answer.sub_code === 'ACQ.TRADE_NOT_EXIST')
      return { outTradeNo, state: 'not-found', providerTradeNo: null, amountFen: null, paidAt: null };
    if (answer.code !== '10000')
      throw new PaymentProviderRefusedError(answer.sub_code ?? answer.code ?? 'unknown');
    return this.statusOf(answer, outTradeNo, answer.send_pay_date);
  }

  async closePayment(outTradeNo: string): Promise<void> {
    const answer = await this.call('alipay.trade.close', { out_trade_no: outTradeNo });
    if (answer.code === '10000' || answer.sub_code === 'ACQ.TRADE_NOT_EXIST') return;
    throw new PaymentProviderRefusedError(answer.sub_code ?? answer.code ?? 'unknown');
  }

  /** Alipay refunds synchronously: 10000 means refunded (fund_change N when this out_request_no was already). */
  async refund(request: RefundRequest): Promise<RefundResult> {
    const answer = await this.call('alipay.trade.refund', {
      out_trade_no: request.outTradeNo,
      refund_amount: fenToYuan(request.refundFen),
      out_request_no: request.outRefundNo,
      refund_reason: request.reason.slice(0, 256),
    });
    if (answer.code !== '10000')
      throw new PaymentProviderRefusedError(answer.sub_code ?? answer.code ?? 'unknown');
    return { state: 'succeeded', providerRefundNo: answer.trade_no ?? null };
  }

  verifyNotification(request: NotificationRequest, _now: Date): PaymentNotification {
    const params: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(request.rawBody.toString('utf8'))) params[name] = value;
    if (!params.sign || params.sign_type !== 'RSA2')
      throw new PaymentNotificationRejected('bad-signature', 'the notification is not RSA2-signed');
    if (
      !alipayVerify(
        this.settings.alipayPublicKey,
        alipaySignContent(params, ['sign', 'sign_type']),
        params.sign,
      )
    )
      throw new PaymentNotificationRejected('bad-signature', 'the signature does not match the parameters');
    if (params.app_id !== this.settings.appId)
      throw new PaymentNotificationRejected('not-ours', 'the notification is for another app');
    if (!params.notify_id || !params.out_trade_no || !params.trade_status)
      throw new PaymentNotificationRejected(
        'malformed',
        'notify_id, out_trade_no or trade_status is missing',
      );
    return {
      notificationId: params.notify_id,
      ...this.statusOf(params, params.out_trade_no, params.gmt_payment),
    };
  }

  acknowledgement(): NotificationAcknowledgement {
    // Alipay stops resending only on the exact text "success".
    return { contentType: 'text/plain; charset=utf-8', body: 'success' };
  }

  private statusOf(
    trade: AlipayTrade,
    outTradeNo: string,
    paidAt: string | undefined,
  ): ProviderPaymentStatus {
    const state = STATES[trade.trade_status ?? ''] ?? 'pending';
    return {
      outTradeNo,
      state,
      providerTradeNo: trade.trade_no ?? null,
      amountFen: trade.total_amount === undefined ? null : yuanToFen(trade.total_amount),
      paidAt: state === 'succeeded' ? parseAlipayTime(paidAt) : null,
    };
  }

  /** One signed gateway call; the answer's signature must verify (a business refusal is also signed). */
  private async call(method: string, biz: Record<string, string>, withNotify = false): Promise<AlipayTrade> {
    const params: Record<string, string> = {
      app_id: this.settings.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: alipayTime(new Date()),
      version: '1.0',
      ...(withNotify ? { notify_url: this.settings.notifyUrl } : {}),
      biz_content: JSON.stringify(biz),
    };
    params.sign = alipaySign(this.settings.appPrivateKey, alipaySignContent(params));
    let response: Response;
    try {
      response = await fetch(`${this.settings.gateway}?charset=utf-8`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
          accept: 'application/json',
        },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch {
      throw new PaymentProviderUnavailableError('Alipay did not answer');
    }
    const raw = await response.text();
    if (!response.ok) throw new PaymentProviderUnavailableError(`Alipay answered ${response.status}`);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw new PaymentProviderUnavailableError('the answer is not JSON');
    }
    const key = alipayResponseKey(method);
    const memberKey = parsed[key] ? key : 'error_response';
    const content = alipayResponseContent(raw, memberKey);
    const member = parsed[memberKey] as AlipayTrade | undefined;
    if (!content || !member) throw new PaymentProviderUnavailableError('the answer has no response member');
    // System errors (20000 and up) mean "try again"; they may come unsigned and change nothing.
    if (member.code && member.code.startsWith('2'))
      throw new PaymentProviderUnavailableError(`Alipay answered ${member.code}`);
    if (typeof parsed.sign !== 'string' || !alipayVerify(this.settings.alipayPublicKey, content, parsed.sign))
      throw new PaymentProviderUnavailableError('the answer is not signed by Alipay');
    return member;
  }
}
