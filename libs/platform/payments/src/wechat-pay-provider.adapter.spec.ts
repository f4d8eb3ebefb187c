import { generateKeyPairSync } from 'node:crypto';
import { WechatPayTestServer } from './testing/wechat-pay-test-server';
import { WechatPayProvider } from './wechat-pay-provider.adapter';
import {
  parseWechatAuthorization,
  wechatDecryptResource,
  wechatEncryptResource,
  wechatTime,
} from './wechat-pay-signature';
import { PaymentNotificationRejected } from './payment-provider.port';

describe('WeChat Pay v3 signing helpers', () => {
  it('round-trips an AEAD_AES_256_GCM resource and refuses another key or a flipped byte', () => {
    const key = 'k'.repeat(32);
    const resource = wechatEncryptResource(key, '{"out_trade_no":"abc123"}', 'transaction', 'transaction');
    expect(resource.nonce).toHaveLength(12);
    expect(wechatDecryptResource(key, resource)).toBe('{"out_trade_no":"abc123"}');
    expect(() => wechatDecryptResource('x'.repeat(32), resource)).toThrow();
    const bytes = Buffer.from(resource.ciphertext, 'base64');
    bytes[0] ^= 1;
    expect(() => wechatDecryptResource(key, { ...resource, ciphertext: bytes.toString('base64') })).toThrow();
    expect(() => wechatDecryptResource(key, { ...resource, associated_data: 'other' })).toThrow();
  });

  it('parses the Authorization header it writes, and refuses another scheme or a missing field', () => {
    const header =
      'WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="N",signature="S+/=",timestamp="1",serial_no="A1"';
    expect(parseWechatAuthorization(header)).toEqual({
      mchid: '1900000109',
      nonce_str: 'N',
      signature: 'S+/=',
      timestamp: '1',
      serial_no: 'A1',
    });
    expect(parseWechatAuthorization(header.replace('WECHATPAY2', 'OTHER'))).toBeNull();
    expect(parseWechatAuthorization(header.replace(',serial_no="A1"', ''))).toBeNull();
  });

  it('writes times in China time, RFC 3339', () => {
    expect(wechatTime(new Date('2026-12-08T02:00:00.500Z'))).toBe('2026-12-08T10:00:00+08:00');
  });
});

describe('WechatPayProvider against the protocol-faithful test server', () => {
  const server = new WechatPayTestServer();
  const provider = (over: Partial<ReturnType<WechatPayTestServer['merchantSettings']>> = {}) =>
    new WechatPayProvider({ ...server.merchantSettings(), ...over });
  const expiresAt = new Date(Date.now() + 15 * 60_000);

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('creates a Native trade the server accepts (signature, fields), and the same trade again is the same code', async () => {
    const request = { outTradeNo: 'hv0000000001', amountFen: 1290, description: '丰收生鲜 订单', expiresAt };
    const prepared = await provider().createPayment(request);
    expect(prepared.codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    expect(await provider().createPayment(request)).toEqual(prepared);
    expect(server.trades.get('hv0000000001')).toMatchObject({ totalFen: 1290, state: 'NOTPAY' });
    expect(server.accepted.at(-1)?.body).toMatchObject({
      mchid: server.mchid,
      appid: server.appid,
      amount: { total: 1290, currency: 'CNY' },
      notify_url: 'https://orders.harvest.test/payments/notifications/wechatpay',
    });
  });

  it('is refused (SIGN_ERROR) when signed with another key or serial, and names the code only', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const request = { outTradeNo: 'hv0000000002', amountFen: 100, description: 'x', expiresAt };
    await expect(provider({ merchantPrivateKey: other }).createPayment(request)).rejects.toMatchObject({
      type: 'payment-provider-refused',
      providerCode: 'SIGN_ERROR',
    });
    await expect(provider({ merchantSerialNo: 'ABC' }).createPayment(request)).rejects.toMatchObject({
      providerCode: 'SIGN_ERROR',
    });
    expect(server.trades.has('hv0000000002')).toBe(false);
  });

  it('does not believe an answer signed with another platform key', async () => {
    const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    await expect(
      provider({ platformPublicKey: impostor }).createPayment({
        outTradeNo: 'hv0000000003',
        amountFen: 100,
        description: 'x',
        expiresAt,
      }),
    ).rejects.toMatchObject({ type: 'payment-provider-unavailable' });
  });

  it('queries a trade before and after payment, and says not-found for an unknown one', async () => {
    await provider().createPayment({
      outTradeNo: 'hv0000000004',
      amountFen: 2500,
      description: 'x',
      expiresAt,
    });
    expect(await provider().queryPayment('hv0000000004')).toMatchObject({
      state: 'pending',
      providerTradeNo: null,
    });
    server.pay('hv0000000004');
    expect(await provider().queryPayment('hv0000000004')).toMatchObject({
      state: 'succeeded',
      amountFen: 2500,
      providerTradeNo: server.trades.get('hv0000000004')!.transactionId,
      paidAt: expect.any(Date),
    });
    expect(await provider().queryPayment('hv9999999999')).toMatchObject({ state: 'not-found' });
  });

  it('closes an unpaid trade; a paid one cannot be closed', async () => {
    await provider().createPayment({
      outTradeNo: 'hv0000000005',
      amountFen: 100,
      description: 'x',
      expiresAt,
    });
    await provider().closePayment('hv0000000005');
    expect(server.trades.get('hv0000000005')!.state).toBe('CLOSED');
    await expect(provider().closePayment('hv0000000004')).rejects.toMatchObject({
      providerCode: 'ORDERPAID',
    });
  });

  it('is unavailable on 5xx and when the server does not answer', async () => {
    server.failNext(1);
    await expect(provider().queryPayment('hv0000000004')).rejects.toMatchObject({
      type: 'payment-provider-unavailable',
    });
    await expect(
      provider({ endpoint: 'http://127.0.0.1:9', timeoutMs: 500 }).queryPayment('hv0000000004'),
    ).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('refunds a paid trade once per out_refund_no, even when the first answer is lost, and never beyond the total', async () => {
    await provider().createPayment({
      outTradeNo: 'hv0000000007',
      amountFen: 1000,
      description: 'x',
      expiresAt,
    });
    await expect(
      provider().refund({
        outTradeNo: 'hv0000000007',
        outRefundNo: 'rf-7-a',
        refundFen: 300,
        totalFen: 1000,
        reason: 'x',
      }),
    ).rejects.toMatchObject({ providerCode: 'INVALID_REQUEST' }); // not paid yet
    server.pay('hv0000000007');
    const request = {
      outTradeNo: 'hv0000000007',
      outRefundNo: 'rf-7-a',
      refundFen: 300,
      totalFen: 1000,
      reason: '缺货退款',
    };
    server.failNext(1, 500, { afterProcessing: true });
    await expect(provider().refund(request)).rejects.toMatchObject({ type: 'payment-provider-unavailable' });
    const result = await provider().refund(request);
    expect(result).toMatchObject({ state: 'succeeded', providerRefundNo: expect.any(String) });
    expect(await provider().refund(request)).toEqual(result);
    expect(server.refundsOf('hv0000000007')).toHaveLength(1);
    await expect(
      provider().refund({ ...request, outRefundNo: 'rf-7-b', refundFen: 701 }),
    ).rejects.toMatchObject({
      providerCode: 'INVALID_REQUEST',
    });
    server.refundStatus = 'PROCESSING';
    expect(await provider().refund({ ...request, outRefundNo: 'rf-7-c', refundFen: 700 })).toMatchObject({
      state: 'processing',
    });
    server.refundStatus = 'SUCCESS';
  });

  describe('notifications', () => {
    const now = () => new Date();
    let outTradeNo: string;
    beforeAll(async () => {
      outTradeNo = 'hv0000000006';
      await provider().createPayment({ outTradeNo, amountFen: 880, description: 'x', expiresAt });
    });
    const verify = (headers: Record<string, string>, body: string) =>
      provider().verifyNotification({ headers, rawBody: Buffer.from(body) }, now());
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof PaymentNotificationRejected ? error.reason : String(error);
      }
      return 'accepted';
    };

    it('verifies, decrypts and reads a genuine one', () => {
      const { headers, body } = server.pay(outTradeNo);
      expect(verify(headers, body)).toMatchObject({
        notificationId: JSON.parse(body).id,
        outTradeNo,
        state: 'succeeded',
        amountFen: 880,
        providerTradeNo: server.trades.get(outTradeNo)!.transactionId,
      });
    });

    it('refuses a tampered body, a forged signature, an unknown serial, missing headers, a stale one, another APIv3 key', () => {
      const { headers, body } = server.notificationFor(outTradeNo);
      expect(reason(() => verify(headers, body.replace('"summary":"支付成功"', '"summary":"x"')))).toBe(
        'bad-signature',
      );
      expect(
        reason(() =>
          verify({ ...headers, 'wechatpay-signature': headers['wechatpay-signature']!.slice(1) }, body),
        ),
      ).toBe('bad-signature');
      expect(reason(() => verify({ ...headers, 'wechatpay-serial': 'PUB_KEY_ID_OTHER' }, body))).toBe(
        'bad-signature',
      );
      const { 'wechatpay-signature': _s, ...unsigned } = headers;
      expect(reason(() => verify(unsigned, body))).toBe('bad-signature');
      const old = server.notificationFor(outTradeNo, { signedAt: new Date(Date.now() - 301_000) });
      expect(reason(() => verify(old.headers, old.body))).toBe('stale');
      const otherKey = server.notificationFor(outTradeNo, { apiV3Key: 'z'.repeat(32) });
      expect(reason(() => verify(otherKey.headers, otherKey.body))).toBe('undecryptable');
    });
  });
});
