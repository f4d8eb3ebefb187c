import { generateKeyPairSync } from 'node:crypto';
import { AlipayProvider } from './alipay-provider.adapter';
import { alipayResponseContent, alipaySignContent, alipayTime, parseAlipayTime } from './alipay-signature';
import { PaymentNotificationRejected } from './payment-provider.port';
import { AlipayTestServer } from './testing/alipay-test-server';

describe('Alipay RSA2 helpers', () => {
  it('signs the sorted, non-empty parameters without sign (and, for notifications, without sign_type)', () => {
    expect(alipaySignContent({ b: '2', sign: 'x', a: '1 1', c: '', sign_type: 'RSA2' })).toBe(
      'a=1 1&b=2&sign_type=RSA2',
    );
    expect(alipaySignContent({ b: '2', sign: 'x', sign_type: 'RSA2' }, ['sign', 'sign_type'])).toBe('b=2');
  });

  it('takes the exact text of the response member, whatever braces or quotes its strings hold', () => {
    const member = '{"code":"10000","msg":"a } \\" {","n":{"x":1}}';
    const raw = `{"alipay_trade_query_response":  ${member},"sign":"abc"}`;
    expect(alipayResponseContent(raw, 'alipay_trade_query_response')).toBe(member);
    expect(alipayResponseContent(raw, 'error_response')).toBeNull();
  });

  it('writes and reads China time', () => {
    expect(alipayTime(new Date('2026-12-08T02:00:00Z'))).toBe('2026-12-08 10:00:00');
    expect(parseAlipayTime('2026-12-08 10:00:00')).toEqual(new Date('2026-12-08T02:00:00Z'));
    expect(parseAlipayTime('2026-12-08T10:00:00')).toBeNull();
  });
});

describe('AlipayProvider against the protocol-faithful test server', () => {
  const server = new AlipayTestServer();
  const provider = (over: Partial<ReturnType<AlipayTestServer['appSettings']>> = {}) =>
    new AlipayProvider({ ...server.appSettings(), ...over });
  const expiresAt = new Date(Date.now() + 15 * 60_000);

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('precreates a trade the gateway accepts, with the amount in yuan; the same trade again gives the same code', async () => {
    const request = { outTradeNo: 'hv-ali-0001', amountFen: 1290, description: '丰收生鲜 订单', expiresAt };
    const prepared = await provider().createPayment(request);
    expect(prepared.codeUrl).toMatch(/^https:\/\/qr\.alipay\.com\//);
    expect(await provider().createPayment(request)).toEqual(prepared);
    expect(server.accepted.at(-1)).toMatchObject({
      method: 'alipay.trade.precreate',
      biz: { out_trade_no: 'hv-ali-0001', total_amount: '12.90' },
    });
    await expect(provider().createPayment({ ...request, amountFen: 1 })).rejects.toMatchObject({
      providerCode: 'ACQ.CONTEXT_INCONSISTENT',
    });
  });

  it('is refused (isv.invalid-signature) when signed with another app key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    await expect(
      provider({ appPrivateKey: other }).createPayment({
        outTradeNo: 'hv-ali-0002',
        amountFen: 1,
        description: 'x',
        expiresAt,
      }),
    ).rejects.toMatchObject({ type: 'payment-provider-refused', providerCode: 'isv.invalid-signature' });
    expect(server.trades.has('hv-ali-0002')).toBe(false);
  });

  it('does not believe an answer signed with another key', async () => {
    const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    await expect(
      provider({ alipayPublicKey: impostor }).createPayment({
        outTradeNo: 'hv-ali-0003',
        amountFen: 1,
        description: 'x',
        expiresAt,
      }),
    ).rejects.toMatchObject({ type: 'payment-provider-unavailable' });
  });

  it('queries: not-found before the scan, pending after, succeeded once paid', async () => {
    await provider().createPayment({
      outTradeNo: 'hv-ali-0004',
      amountFen: 2500,
      description: 'x',
      expiresAt,
    });
    expect(await provider().queryPayment('hv-ali-0004')).toMatchObject({ state: 'not-found' });
    server.scan('hv-ali-0004');
    expect(await provider().queryPayment('hv-ali-0004')).toMatchObject({ state: 'pending' });
    server.pay('hv-ali-0004');
    expect(await provider().queryPayment('hv-ali-0004')).toMatchObject({
      state: 'succeeded',
      amountFen: 2500,
      providerTradeNo: server.trades.get('hv-ali-0004')!.tradeNo,
      paidAt: expect.any(Date),
    });
  });

  it('closes a scanned unpaid trade, tolerates closing one never scanned, refuses closing a paid one', async () => {
    await provider().createPayment({
      outTradeNo: 'hv-ali-0005',
      amountFen: 100,
      description: 'x',
      expiresAt,
    });
    await provider().closePayment('hv-ali-0005');
    server.scan('hv-ali-0005');
    await provider().closePayment('hv-ali-0005');
    expect(server.trades.get('hv-ali-0005')!.status).toBe('TRADE_CLOSED');
    await expect(provider().closePayment('hv-ali-0004')).rejects.toMatchObject({
      providerCode: 'ACQ.TRADE_STATUS_ERROR',
    });
  });

  it('is unavailable when the gateway answers 502 or does not answer', async () => {
    server.failNext(1);
    await expect(provider().queryPayment('hv-ali-0004')).rejects.toMatchObject({
      type: 'payment-provider-unavailable',
    });
    await expect(
      provider({ gateway: 'http://127.0.0.1:9/gateway.do', timeoutMs: 500 }).queryPayment('hv-ali-0004'),
    ).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('refunds a paid trade once per out_request_no, even when the first answer is lost, and never beyond the total', async () => {
    await provider().createPayment({
      outTradeNo: 'hv-ali-0007',
      amountFen: 1000,
      description: 'x',
      expiresAt,
    });
    server.pay('hv-ali-0007');
    const request = {
      outTradeNo: 'hv-ali-0007',
      outRefundNo: 'rf-a-7',
      refundFen: 300,
      totalFen: 1000,
      reason: '缺货退款',
    };
    server.failNext(1, 504, { afterProcessing: true });
    await expect(provider().refund(request)).rejects.toMatchObject({ type: 'payment-provider-unavailable' });
    expect(await provider().refund(request)).toMatchObject({ state: 'succeeded' });
    expect(await provider().refund(request)).toMatchObject({ state: 'succeeded' });
    expect(server.refundsOf('hv-ali-0007')).toEqual([expect.objectContaining({ refundFen: 300 })]);
    await expect(
      provider().refund({ ...request, outRefundNo: 'rf-a-8', refundFen: 701 }),
    ).rejects.toMatchObject({
      providerCode: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL',
    });
  });

  describe('async notifications', () => {
    const verify = (body: string) =>
      provider().verifyNotification({ headers: {}, rawBody: Buffer.from(body) }, new Date());
    const reason = (body: string) => {
      try {
        verify(body);
      } catch (error) {
        return error instanceof PaymentNotificationRejected ? error.reason : String(error);
      }
      return 'accepted';
    };

    beforeAll(() =>
      provider().createPayment({ outTradeNo: 'hv-ali-0006', amountFen: 880, description: 'x', expiresAt }),
    );

    it('verifies and reads a genuine one', () => {
      const body = server.pay('hv-ali-0006');
      expect(verify(body)).toMatchObject({
        notificationId: new URLSearchParams(body).get('notify_id'),
        outTradeNo: 'hv-ali-0006',
        state: 'succeeded',
        amountFen: 880,
        providerTradeNo: server.trades.get('hv-ali-0006')!.tradeNo,
      });
    });

    it('refuses a tampered amount, a removed or forged signature, another app', () => {
      const body = server.notificationFor('hv-ali-0006');
      const params = new URLSearchParams(body);
      const tampered = new URLSearchParams(params);
      tampered.set('total_amount', '0.01');
      expect(reason(tampered.toString())).toBe('bad-signature');
      const unsigned = new URLSearchParams(params);
      unsigned.delete('sign');
      expect(reason(unsigned.toString())).toBe('bad-signature');
      const forged = server.notificationFor('hv-ali-0006', {
        signWith: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
      });
      expect(reason(forged)).toBe('bad-signature');
      expect(reason('not a form')).toBe('bad-signature');
      expect(reason(body)).toBe('accepted');
    });
  });
});
