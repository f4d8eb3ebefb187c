import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  alipayResponseKey,
  alipaySign,
  alipaySignContent,
  alipayTime,
  alipayVerify,
  parseAlipayTime,
} from '../alipay-signature';
import type { AlipaySettings } from '../alipay-provider.adapter';
import { fenToYuan, yuanToFen } from '../money';

export interface AlipayTestTrade {
  outTradeNo: string;
  subject: string;
  totalFen: number;
  notifyUrl: string | undefined;
  /** A precreated trade exists at Alipay only once the buyer scanned its code. */
  scanned: boolean;
  status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED';
  tradeNo: string;
  gmtPayment: string | null;
  qrCode: string;
}

const METHODS = ['alipay.trade.precreate', 'alipay.trade.query', 'alipay.trade.close', 'alipay.trade.refund'];

/** A refund as the test server holds it: one per out_request_no. */
export interface AlipayTestRefund {
  outRequestNo: string;
  outTradeNo: string;
  refundFen: number;
}
const REQUIRED: Array<[string, string]> = [
  ['app_id', 'isv.missing-app-id'],
  ['method', 'isv.missing-method'],
  ['sign_type', 'isv.missing-signature-type'],
  ['sign', 'isv.missing-signature'],
  ['timestamp', 'isv.missing-timestamp'],
  ['version', 'isv.missing-version'],
];
/** Alipay refuses a timestamp too far from its clock. */
const TIMESTAMP_TOLERANCE_MS = 15 * 60_000;

/**
 * A protocol-faithful stand-in for Alipay's open API gateway (face-to-face precreate, query, close) on
 * loopback. It checks what the real gateway checks: the common parameters (`isv.missing-*` 40001), app id,
 * sign type RSA2, timestamp format and window, charset, the RSA2 signature over the sorted parameters with the
 * app's public key (`isv.invalid-signature` 40002), the business fields (amount in yuan with at most two
 * decimals, subject, out_trade_no) and trade states (`ACQ.*` 40004); it answers
 * `{ "<method>_response": {…}, "sign": "…" }` signed with its own key over the member's exact text, and builds
 * the async notification (trade_status_sync) as Alipay posts it: form parameters RSA2-signed.
 */
export class AlipayTestServer {
  readonly appId = '2021000000000001';
  readonly trades = new Map<string, AlipayTestTrade>();
  readonly accepted: Array<{ method: string; biz: Record<string, unknown> }> = [];
  readonly refusals: string[] = [];
  private readonly appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly alipayKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  readonly refunds = new Map<string, AlipayTestRefund>();
  private failures: Array<{ status: number; afterProcessing: boolean }> = [];
  private failAnswer: number | null = null;
  private server?: Server;
  private port = 0;

  get gateway(): string {
    return `http://127.0.0.1:${this.port}/gateway.do`;
  }

  get alipayPublicKey(): KeyObject {
    return this.alipayKeys.publicKey;
  }

  appSettings(notifyUrl = 'https://orders.harvest.test/payments/notifications/alipay'): AlipaySettings {
    return {
      gateway: this.gateway,
      appId: this.appId,
      appPrivateKey: this.appKeys.privateKey,
      alipayPublicKey: this.alipayKeys.publicKey,
      notifyUrl,
      timeoutMs: 5000,
    };
  }

  appPrivateKeyPem(): string {
    return this.appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  alipayPublicKeyPem(): string {
    return this.alipayKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `count` calls fail with this HTTP status, before doing anything or (afterProcessing) after it. */
  failNext(count: number, status = 502, options: { afterProcessing?: boolean } = {}): void {
    for (let i = 0; i < count; i++)
      this.failures.push({ status, afterProcessing: options.afterProcessing ?? false });
  }

  refundsOf(outTradeNo: string): AlipayTestRefund[] {
    return [...this.refunds.values()].filter((r) => r.outTradeNo === outTradeNo);
  }

  /** The buyer scans the code (the trade now exists at Alipay, waiting for payment). */
  scan(outTradeNo: string): void {
    this.trade(outTradeNo).scanned = true;
  }

  /** The buyer pays in full; returns the async notification (a form body) Alipay posts to notify_url. */
  pay(outTradeNo: string, at: Date = new Date()): string {
    const trade = this.trade(outTradeNo);
    if (trade.status !== 'WAIT_BUYER_PAY') throw new Error(`trade ${outTradeNo} is ${trade.status}`);
    Object.assign(trade, { scanned: true, status: 'TRADE_SUCCESS', gmtPayment: alipayTime(at) });
    return this.notificationFor(outTradeNo);
  }

  /** The notification for the trade's current state (a fresh notify_id unless given), signed with `key`. */
  notificationFor(outTradeNo: string, options: { notifyId?: string; signWith?: KeyObject } = {}): string {
    const trade = this.trade(outTradeNo);
    const amount = fenToYuan(trade.totalFen);
    const params: Record<string, string> = {
      gmt_create: alipayTime(new Date()),
      charset: 'utf-8',
      seller_email: 'harvest@alipay.test',
      subject: trade.subject,
      buyer_id: '2088102177846880',
      invoice_amount: amount,
      notify_id: options.notifyId ?? `2026${randomBytes(14).toString('hex')}`,
      notify_type: 'trade_status_sync',
      trade_status: trade.status,
      receipt_amount: amount,
      app_id: this.appId,
      buyer_pay_amount: amount,
      seller_id: '2088102177649450',
      ...(trade.gmtPayment ? { gmt_payment: trade.gmtPayment } : {}),
      notify_time: alipayTime(new Date()),
      version: '1.0',
      out_trade_no: trade.outTradeNo,
      total_amount: amount,
      trade_no: trade.tradeNo,
      auth_app_id: this.appId,
      buyer_logon_id: 'cus***@alipay.test',
      point_amount: '0.00',
    };
    params.sign = alipaySign(options.signWith ?? this.alipayKeys.privateKey, alipaySignContent(params));
    params.sign_type = 'RSA2';
    return new URLSearchParams(params).toString();
  }

  private trade(outTradeNo: string): AlipayTestTrade {
    const trade = this.trades.get(outTradeNo);
    if (!trade) throw new Error(`no trade ${outTradeNo}`);
    return trade;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const failure = this.failures.shift();
    if (failure && !failure.afterProcessing) return this.gatewayFailure(res, failure.status);
    this.failAnswer = failure?.status ?? null;
    if (url.pathname !== '/gateway.do') {
      res.writeHead(404);
      return void res.end();
    }
    const params: Record<string, string> = {};
    for (const [name, value] of url.searchParams) params[name] = value;
    if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
        params[name] = value;

    const memberKey = METHODS.includes(params.method ?? '')
      ? alipayResponseKey(params.method!)
      : 'error_response';
    const fail = (code: string, msg: string, subCode: string, subMsg: string) => {
      this.refusals.push(subCode);
      this.answer(res, memberKey, { code, msg, sub_code: subCode, sub_msg: subMsg });
    };
    for (const [name, subCode] of REQUIRED)
      if (!params[name]) return fail('40001', 'Missing Required Arguments', subCode, `缺少参数 ${name}`);
    if (params.app_id !== this.appId)
      return fail('40002', 'Invalid Arguments', 'isv.invalid-app-id', '无效的AppID参数');
    if (!METHODS.includes(params.method!))
      return fail('40002', 'Invalid Arguments', 'isv.invalid-method', '不存在的方法名');
    if (params.sign_type !== 'RSA2')
      return fail('40002', 'Invalid Arguments', 'isv.invalid-signature-type', '无效的签名类型参数');
    if (params.format !== undefined && params.format.toUpperCase() !== 'JSON')
      return fail('40002', 'Invalid Arguments', 'isv.invalid-format', '无效的数据格式参数');
    if (params.charset !== undefined && params.charset.toLowerCase() !== 'utf-8')
      return fail('40002', 'Invalid Arguments', 'isv.invalid-charset', '字符集不合法');
    const at = parseAlipayTime(params.timestamp);
    if (!at || Math.abs(at.getTime() - Date.now()) > TIMESTAMP_TOLERANCE_MS)
      return fail('40002', 'Invalid Arguments', 'isv.invalid-timestamp', '非法的时间戳参数');
    if (!alipayVerify(this.appKeys.publicKey, alipaySignContent(params), params.sign!))
      return fail('40002', 'Invalid Arguments', 'isv.invalid-signature', '验签出错');
    let biz: Record<string, unknown>;
    try {
      biz = JSON.parse(params.biz_content ?? '') as Record<string, unknown>;
    } catch {
      return fail('40002', 'Invalid Arguments', 'isv.invalid-biz-content', 'biz_content 不是合法的 JSON');
    }
    this.accepted.push({ method: params.method!, biz });
    const business = (subCode: string, subMsg: string) => fail('40004', 'Business Failed', subCode, subMsg);
    const outTradeNo = typeof biz.out_trade_no === 'string' ? biz.out_trade_no : '';
    if (!outTradeNo || outTradeNo.length > 64)
      return fail('40002', 'Invalid Arguments', 'isv.invalid-parameter', 'out_trade_no 不合法');
    const existing = this.trades.get(outTradeNo);

    if (params.method === 'alipay.trade.precreate') {
      const totalFen = typeof biz.total_amount === 'string' ? yuanToFen(biz.total_amount) : null;
      if (totalFen === null || totalFen < 1 || totalFen > 10_000_000_000)
        return fail('40002', 'Invalid Arguments', 'isv.invalid-parameter', 'total_amount 不合法');
      if (typeof biz.subject !== 'string' || !biz.subject || biz.subject.length > 256)
        return fail('40002', 'Invalid Arguments', 'isv.invalid-parameter', 'subject 不合法');
      if (biz.time_expire !== undefined && !parseAlipayTime(biz.time_expire as string))
        return fail('40002', 'Invalid Arguments', 'isv.invalid-parameter', 'time_expire 不合法');
      if (existing) {
        if (existing.status === 'TRADE_SUCCESS') return business('ACQ.TRADE_HAS_SUCCESS', '交易已被支付');
        if (existing.status === 'TRADE_CLOSED') return business('ACQ.TRADE_HAS_CLOSE', '交易已经关闭');
        if (existing.totalFen !== totalFen) return business('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
        return this.answer(res, memberKey, {
          code: '10000',
          msg: 'Success',
          out_trade_no: outTradeNo,
          qr_code: existing.qrCode,
        });
      }
      const trade: AlipayTestTrade = {
        outTradeNo,
        subject: biz.subject,
        totalFen,
        notifyUrl: params.notify_url,
        scanned: false,
        status: 'WAIT_BUYER_PAY',
        tradeNo: `2026${Date.now()}${randomBytes(4).toString('hex')}`.slice(0, 28),
        gmtPayment: null,
        qrCode: `https://qr.alipay.com/bax0${randomBytes(8).toString('hex')}`,
      };
      this.trades.set(outTradeNo, trade);
      return this.answer(res, memberKey, {
        code: '10000',
        msg: 'Success',
        out_trade_no: outTradeNo,
        qr_code: trade.qrCode,
      });
    }
    if (!existing?.scanned) return business('ACQ.TRADE_NOT_EXIST', '交易不存在');
    if (params.method === 'alipay.trade.refund') {
      const refundFen = typeof biz.refund_amount === 'string' ? yuanToFen(biz.refund_amount) : null;
      const outRequestNo =
        typeof biz.out_request_no === 'string' && biz.out_request_no ? biz.out_request_no : outTradeNo;
      if (refundFen === null || refundFen < 1)
        return fail('40002', 'Invalid Arguments', 'isv.invalid-parameter', 'refund_amount 不合法');
      const repeated = this.refunds.get(outRequestNo);
      const refundedFen = () => this.refundsOf(outTradeNo).reduce((sum, r) => sum + r.refundFen, 0);
      if (repeated) {
        if (repeated.refundFen !== refundFen || repeated.outTradeNo !== outTradeNo)
          return business('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额与退款请求号对应的金额不一致');
        return this.answer(res, memberKey, {
          code: '10000',
          msg: 'Success',
          trade_no: existing.tradeNo,
          out_trade_no: outTradeNo,
          fund_change: 'N',
          refund_fee: fenToYuan(refundedFen()),
        });
      }
      if (existing.status !== 'TRADE_SUCCESS') return business('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
      if (refundedFen() + refundFen > existing.totalFen)
        return business('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');
      this.refunds.set(outRequestNo, { outRequestNo, outTradeNo, refundFen });
      return this.answer(res, memberKey, {
        code: '10000',
        msg: 'Success',
        trade_no: existing.tradeNo,
        out_trade_no: outTradeNo,
        buyer_logon_id: 'cus***@alipay.test',
        fund_change: 'Y',
        refund_fee: fenToYuan(refundedFen()),
      });
    }
    if (params.method === 'alipay.trade.close') {
      if (existing.status === 'TRADE_SUCCESS') return business('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
      existing.status = 'TRADE_CLOSED';
      return this.answer(res, memberKey, {
        code: '10000',
        msg: 'Success',
        trade_no: existing.tradeNo,
        out_trade_no: outTradeNo,
      });
    }
    return this.answer(res, memberKey, {
      code: '10000',
      msg: 'Success',
      trade_no: existing.tradeNo,
      out_trade_no: outTradeNo,
      buyer_logon_id: 'cus***@alipay.test',
      trade_status: existing.status,
      total_amount: fenToYuan(existing.totalFen),
      ...(existing.gmtPayment
        ? { send_pay_date: existing.gmtPayment, buyer_pay_amount: fenToYuan(existing.totalFen) }
        : {}),
    });
  }

  private gatewayFailure(res: ServerResponse, status: number): void {
    res.writeHead(status, { 'content-type': 'text/html' });
    res.end(`<html><body>${status} Bad Gateway</body></html>`);
  }

  /** `{"<member>":{…},"sign":"…"}` with the signature over the member's exact text, as Alipay writes it. */
  private answer(res: ServerResponse, memberKey: string, member: Record<string, unknown>): void {
    if (this.failAnswer !== null) {
      // Done, but the answer is lost on the way back.
      const failed = this.failAnswer;
      this.failAnswer = null;
      return this.gatewayFailure(res, failed);
    }
    const content = JSON.stringify(member);
    const body = `{"${memberKey}":${content},"sign":"${alipaySign(this.alipayKeys.privateKey, content)}"}`;
    res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' });
    res.end(body);
  }
}
