import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  parseWechatAuthorization,
  rsaSha256Sign,
  rsaSha256Verify,
  wechatAnswerMessage,
  wechatEncryptResource,
  wechatNonce,
  wechatRequestMessage,
  wechatTime,
} from '../wechat-pay-signature';
import type { WechatPaySettings } from '../wechat-pay-provider.adapter';

/** A trade as the test server holds it. */
export interface WechatTestTrade {
  outTradeNo: string;
  description: string;
  totalFen: number;
  notifyUrl: string;
  timeExpire: string | undefined;
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED';
  transactionId: string | null;
  successTime: string | null;
  codeUrl: string;
}

/** A refund as the test server holds it; one per out_refund_no, whatever how often it was asked. */
export interface WechatTestRefund {
  outRefundNo: string;
  outTradeNo: string;
  refundId: string;
  refundFen: number;
  status: 'SUCCESS' | 'PROCESSING';
}

export interface WechatPayNotificationRequest {
  headers: Record<string, string>;
  body: string;
}

const OUT_TRADE_NO = /^[A-Za-z0-9_\-*|]{6,32}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;
/** WeChat Pay refuses a request signed more than 5 minutes off its clock. */
const SKEW_SECONDS = 300;

/**
 * A protocol-faithful stand-in for WeChat Pay API v3 (Native payments) on loopback. It checks what the real
 * one checks: the `WECHATPAY2-SHA256-RSA2048` Authorization (merchant id, certificate serial, timestamp within
 * 5 minutes, single-use nonce, RSA-SHA256 over "METHOD\nURL\nts\nnonce\nbody\n" with the merchant's public
 * key), the order's fields (appid/mchid pair, out_trade_no charset and length, https notify_url, amount in
 * integer fen, CNY), a repeated out_trade_no with other content, paid or closed trades; it signs every answer
 * with its own platform key (Wechatpay-Serial/-Timestamp/-Nonce/-Signature) and builds notifications as the
 * real one sends them (signed, resource AEAD_AES_256_GCM-encrypted with the APIv3 key).
 *
 * Its keys are generated when it is constructed; `merchantSettings()` hands the adapter the merchant side
 * (the private key a merchant downloads, the platform public key, the APIv3 key set in the merchant portal).
 */
export class WechatPayTestServer {
  readonly mchid = '1900000109';
  readonly appid = 'wxd678efh567hg6787';
  readonly merchantSerialNo = randomBytes(20).toString('hex').toUpperCase();
  readonly platformSerial = `PUB_KEY_ID_${randomBytes(12).toString('hex').toUpperCase()}`;
  readonly apiV3Key = randomBytes(24).toString('base64url').slice(0, 32);
  readonly trades = new Map<string, WechatTestTrade>();
  /** Every request that reached the API (after the signature check), oldest first. */
  readonly accepted: Array<{ method: string; path: string; body: unknown }> = [];
  /** Every refusal's code, oldest first, so a spec can say why a call failed. */
  readonly refusals: string[] = [];
  private readonly merchantKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly platformKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly nonces = new Set<string>();
  readonly refunds = new Map<string, WechatTestRefund>();
  /** The status the next new refunds get (PROCESSING: bank refunds take a while). */
  refundStatus: 'SUCCESS' | 'PROCESSING' = 'SUCCESS';
  /** When set, new refunds are refused with this code (NOT_ENOUGH: the merchant's balance cannot cover it). */
  refundRefusal: string | null = null;
  private failures: Array<{ status: number; afterProcessing: boolean }> = [];
  private failAnswer: number | null = null;
  private server?: Server;
  private port = 0;

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get platformPublicKey(): KeyObject {
    return this.platformKeys.publicKey;
  }

  /** What the adapter is configured with in a spec: the merchant's key and ids, our platform key and serial. */
  merchantSettings(
    notifyUrl = 'https://orders.harvest.test/payments/notifications/wechatpay',
  ): WechatPaySettings {
    return {
      endpoint: this.endpoint,
      mchid: this.mchid,
      appid: this.appid,
      merchantSerialNo: this.merchantSerialNo,
      merchantPrivateKey: this.merchantKeys.privateKey,
      platformPublicKey: this.platformKeys.publicKey,
      platformSerial: this.platformSerial,
      apiV3Key: this.apiV3Key,
      notifyUrl,
      timeoutMs: 5000,
      maxSkewSeconds: SKEW_SECONDS,
    };
  }

  /** PEM texts for configuring a whole service through its environment. */
  merchantPrivateKeyPem(): string {
    return this.merchantKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  platformPublicKeyPem(): string {
    return this.platformKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * The next `count` API calls answer this status (500: WeChat's SYSTEM_ERROR), before doing anything or, with
   * `afterProcessing`, after doing it (the answer is lost, as when a gateway times out).
   */
  failNext(count: number, status = 500, options: { afterProcessing?: boolean } = {}): void {
    for (let i = 0; i < count; i++)
      this.failures.push({ status, afterProcessing: options.afterProcessing ?? false });
  }

  /** The refunds of one trade. */
  refundsOf(outTradeNo: string): WechatTestRefund[] {
    return [...this.refunds.values()].filter((r) => r.outTradeNo === outTradeNo);
  }

  /** The payer pays the trade in full; returns the notification WeChat Pay sends to its notify_url. */
  pay(outTradeNo: string, at: Date = new Date()): WechatPayNotificationRequest {
    const trade = this.trades.get(outTradeNo);
    if (!trade) throw new Error(`no trade ${outTradeNo}`);
    if (trade.state !== 'NOTPAY') throw new Error(`trade ${outTradeNo} is ${trade.state}`);
    trade.state = 'SUCCESS';
    trade.transactionId = `4200${Date.now()}${randomBytes(4).toString('hex')}`.slice(0, 28);
    trade.successTime = wechatTime(at);
    return this.notificationFor(outTradeNo);
  }

  /**
   * The notification for a trade's current state, signed now (or at `signedAt`), with a fresh notification
   * id unless one is given (WeChat Pay repeats the id when it resends).
   */
  notificationFor(
    outTradeNo: string,
    options: { id?: string; signedAt?: Date; apiV3Key?: string } = {},
  ): WechatPayNotificationRequest {
    const trade = this.trades.get(outTradeNo);
    if (!trade) throw new Error(`no trade ${outTradeNo}`);
    const resource = wechatEncryptResource(
      options.apiV3Key ?? this.apiV3Key,
      JSON.stringify(this.transactionView(trade)),
      'transaction',
      'transaction',
    );
    const body = JSON.stringify({
      id: options.id ?? randomUUID(),
      create_time: wechatTime(new Date()),
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource,
    });
    return { headers: this.signatureHeaders(body, options.signedAt), body };
  }

  private transactionView(trade: WechatTestTrade) {
    return {
      mchid: this.mchid,
      appid: this.appid,
      out_trade_no: trade.outTradeNo,
      ...(trade.transactionId ? { transaction_id: trade.transactionId } : {}),
      trade_type: 'NATIVE',
      trade_state: trade.state,
      trade_state_desc: { NOTPAY: '未支付', SUCCESS: '支付成功', CLOSED: '已关闭' }[trade.state],
      ...(trade.successTime ? { success_time: trade.successTime, bank_type: 'OTHERS' } : {}),
      ...(trade.state === 'SUCCESS' ? { payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' } } : {}),
      amount: {
        total: trade.totalFen,
        currency: 'CNY',
        ...(trade.state === 'SUCCESS' ? { payer_total: trade.totalFen, payer_currency: 'CNY' } : {}),
      },
    };
  }

  private signatureHeaders(body: string, at: Date = new Date()): Record<string, string> {
    const timestamp = String(Math.floor(at.getTime() / 1000));
    const nonce = wechatNonce();
    return {
      'wechatpay-serial': this.platformSerial,
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-signature': rsaSha256Sign(
        this.platformKeys.privateKey,
        wechatAnswerMessage(timestamp, nonce, body),
      ),
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const pathAndQuery = req.url ?? '/';
    const failure = this.failures.shift();
    if (failure && !failure.afterProcessing)
      return this.answer(res, failure.status, { code: 'SYSTEM_ERROR', message: '系统错误' });
    this.failAnswer = failure?.status ?? null;

    const auth = parseWechatAuthorization(req.headers.authorization);
    if (!auth) return this.refuse(res, 401, 'SIGN_ERROR', 'Authorization 不合法');
    if (auth.mchid !== this.mchid) return this.refuse(res, 401, 'SIGN_ERROR', '商户号不存在');
    if (auth.serial_no !== this.merchantSerialNo)
      return this.refuse(res, 401, 'SIGN_ERROR', '证书序列号不存在');
    if (
      !/^\d{1,12}$/.test(auth.timestamp) ||
      Math.abs(Date.now() / 1000 - Number(auth.timestamp)) > SKEW_SECONDS
    )
      return this.refuse(res, 401, 'SIGN_ERROR', '时间戳超出有效范围');
    const message = wechatRequestMessage(method, pathAndQuery, auth.timestamp, auth.nonce_str, raw);
    if (!rsaSha256Verify(this.merchantKeys.publicKey, message, auth.signature))
      return this.refuse(res, 401, 'SIGN_ERROR', '签名错误');
    if (this.nonces.has(auth.nonce_str)) return this.refuse(res, 401, 'SIGN_ERROR', '随机串重复');
    this.nonces.add(auth.nonce_str);

    let body: Record<string, unknown> = {};
    if (raw) {
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
        return this.refuse(res, 415, 'PARAM_ERROR', 'Content-Type 必须是 application/json');
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return this.refuse(res, 400, 'PARAM_ERROR', '请求体不是合法的 JSON');
      }
    }
    const url = new URL(pathAndQuery, this.endpoint);
    this.accepted.push({ method, path: url.pathname, body });
    if (method === 'POST' && url.pathname === '/v3/pay/transactions/native')
      return this.createNative(res, body);
    if (method === 'POST' && url.pathname === '/v3/refund/domestic/refunds')
      return this.createRefund(res, body);
    const byOutTradeNo = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(url.pathname);
    if (byOutTradeNo && method === 'GET' && !byOutTradeNo[2]) {
      if (url.searchParams.get('mchid') !== this.mchid)
        return this.refuse(res, 400, 'PARAM_ERROR', 'mchid 不正确');
      const trade = this.trades.get(decodeURIComponent(byOutTradeNo[1]!));
      if (!trade) return this.refuse(res, 404, 'ORDER_NOT_EXIST', '订单不存在');
      return this.answer(res, 200, this.transactionView(trade));
    }
    if (byOutTradeNo && method === 'POST' && byOutTradeNo[2]) {
      if (body.mchid !== this.mchid) return this.refuse(res, 400, 'PARAM_ERROR', 'mchid 不正确');
      const trade = this.trades.get(decodeURIComponent(byOutTradeNo[1]!));
      if (!trade) return this.refuse(res, 404, 'ORDER_NOT_EXIST', '订单不存在');
      if (trade.state === 'SUCCESS') return this.refuse(res, 400, 'ORDERPAID', '订单已支付');
      trade.state = 'CLOSED';
      return this.answer(res, 204, undefined);
    }
    return this.refuse(res, 404, 'NOT_FOUND', '请求的资源不存在');
  }

  private createNative(res: ServerResponse, body: Record<string, unknown>): void {
    const amount = body.amount as { total?: unknown; currency?: unknown } | undefined;
    if (body.mchid !== this.mchid) return this.refuse(res, 400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (body.appid !== this.appid)
      return this.refuse(res, 400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (typeof body.description !== 'string' || !body.description || body.description.length > 127)
      return this.refuse(
        res,
        400,
        'PARAM_ERROR',
        '输入源“/body/description”映射到字段“商品描述”必填性规则校验失败',
      );
    if (typeof body.out_trade_no !== 'string' || !OUT_TRADE_NO.test(body.out_trade_no))
      return this.refuse(
        res,
        400,
        'PARAM_ERROR',
        '输入源“/body/out_trade_no”映射到值字段“商户订单号”字符串规则校验失败',
      );
    if (typeof body.notify_url !== 'string' || !/^https:\/\/[^?]+$/.test(body.notify_url))
      return this.refuse(res, 400, 'PARAM_ERROR', 'notify_url 必须是不带参数的 https 地址');
    if (
      body.time_expire !== undefined &&
      (typeof body.time_expire !== 'string' || !RFC3339.test(body.time_expire))
    )
      return this.refuse(res, 400, 'PARAM_ERROR', 'time_expire 格式不正确');
    if (!amount || !Number.isSafeInteger(amount.total) || (amount.total as number) < 1)
      return this.refuse(
        res,
        400,
        'PARAM_ERROR',
        '输入源“/body/amount/total”映射到值字段“总金额”规则校验失败',
      );
    if (amount.currency !== undefined && amount.currency !== 'CNY')
      return this.refuse(res, 400, 'PARAM_ERROR', '币种只支持 CNY');
    const existing = this.trades.get(body.out_trade_no);
    if (existing) {
      if (existing.state === 'SUCCESS') return this.refuse(res, 400, 'ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') return this.refuse(res, 400, 'ORDER_CLOSED', '订单已关闭');
      if (existing.totalFen !== amount.total || existing.description !== body.description)
        return this.refuse(res, 400, 'INVALID_REQUEST', '201 商户订单号重复');
      return this.answer(res, 200, { code_url: existing.codeUrl });
    }
    const trade: WechatTestTrade = {
      outTradeNo: body.out_trade_no,
      description: body.description,
      totalFen: amount.total as number,
      notifyUrl: body.notify_url,
      timeExpire: body.time_expire as string | undefined,
      state: 'NOTPAY',
      transactionId: null,
      successTime: null,
      codeUrl: `weixin://wxpay/bizpayurl?pr=${randomBytes(6).toString('base64url')}`,
    };
    this.trades.set(trade.outTradeNo, trade);
    this.answer(res, 200, { code_url: trade.codeUrl });
  }

  private createRefund(res: ServerResponse, body: Record<string, unknown>): void {
    const amount = body.amount as { refund?: unknown; total?: unknown; currency?: unknown } | undefined;
    if (typeof body.out_refund_no !== 'string' || !/^[A-Za-z0-9_\-|*@]{1,64}$/.test(body.out_refund_no))
      return this.refuse(
        res,
        400,
        'PARAM_ERROR',
        '输入源“/body/out_refund_no”映射到值字段“商户退款单号”字符串规则校验失败',
      );
    if (
      !amount ||
      !Number.isSafeInteger(amount.refund) ||
      (amount.refund as number) < 1 ||
      !Number.isSafeInteger(amount.total)
    )
      return this.refuse(res, 400, 'PARAM_ERROR', '输入源“/body/amount”规则校验失败');
    if (amount.currency !== 'CNY') return this.refuse(res, 400, 'PARAM_ERROR', '币种只支持 CNY');
    const trade = typeof body.out_trade_no === 'string' ? this.trades.get(body.out_trade_no) : undefined;
    if (!trade) return this.refuse(res, 404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const existing = this.refunds.get(body.out_refund_no);
    if (existing) {
      if (existing.outTradeNo !== trade.outTradeNo || existing.refundFen !== amount.refund)
        return this.refuse(res, 400, 'INVALID_REQUEST', '退款单号重复，但退款信息不一致');
      return this.answer(res, 200, this.refundView(existing, trade));
    }
    if (trade.state !== 'SUCCESS') return this.refuse(res, 400, 'INVALID_REQUEST', '订单未支付，不能退款');
    if (amount.total !== trade.totalFen)
      return this.refuse(res, 400, 'INVALID_REQUEST', '订单金额与原订单金额不一致');
    if (this.refundRefusal)
      return this.refuse(res, 403, this.refundRefusal, '基本账户余额不足，请充值后重新发起');
    const refunded = this.refundsOf(trade.outTradeNo).reduce((sum, r) => sum + r.refundFen, 0);
    if (refunded + (amount.refund as number) > trade.totalFen)
      return this.refuse(res, 400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    const refund: WechatTestRefund = {
      outRefundNo: body.out_refund_no,
      outTradeNo: trade.outTradeNo,
      refundId: `50${Date.now()}${randomBytes(5).toString('hex')}`.slice(0, 29),
      refundFen: amount.refund as number,
      status: this.refundStatus,
    };
    this.refunds.set(refund.outRefundNo, refund);
    this.answer(res, 200, this.refundView(refund, trade));
  }

  private refundView(refund: WechatTestRefund, trade: WechatTestTrade) {
    return {
      refund_id: refund.refundId,
      out_refund_no: refund.outRefundNo,
      transaction_id: trade.transactionId,
      out_trade_no: trade.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      create_time: wechatTime(new Date()),
      status: refund.status,
      funds_account: 'AVAILABLE',
      amount: {
        total: trade.totalFen,
        refund: refund.refundFen,
        payer_total: trade.totalFen,
        payer_refund: refund.refundFen,
        settlement_refund: refund.refundFen,
        settlement_total: trade.totalFen,
        discount_refund: 0,
        currency: 'CNY',
      },
    };
  }

  private refuse(res: ServerResponse, status: number, code: string, message: string): void {
    this.refusals.push(code);
    this.answer(res, status, { code, message });
  }

  private answer(res: ServerResponse, status: number, body: unknown): void {
    if (this.failAnswer !== null) {
      // Done, but the answer is lost: what the caller sees is the failure.
      const failed = this.failAnswer;
      this.failAnswer = null;
      return this.answer(res, failed, { code: 'SYSTEM_ERROR', message: '系统错误' });
    }
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      'request-id': randomUUID(),
      ...this.signatureHeaders(text),
    });
    res.end(text);
  }
}
