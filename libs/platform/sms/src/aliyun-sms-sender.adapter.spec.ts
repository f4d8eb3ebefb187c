import { AliyunSmsTestServer } from './testing/aliyun-sms-test-server';
import { AliyunSmsSender, aliyunPhoneNumber } from './aliyun-sms-sender.adapter';
import { aliyunCanonicalQuery, aliyunPercentEncode, aliyunTimestamp } from './aliyun-rpc-signature';
import { SmsNotSentError } from './sms-sender.port';

describe('Aliyun RPC signing', () => {
  it("percent-encodes as Aliyun's documentation says: %20 for space, %2A for *, ~ kept", () => {
    expect(aliyunPercentEncode('a b*c~d/e:f')).toBe('a%20b%2Ac~d%2Fe%3Af');
    expect(aliyunPercentEncode("!'()")).toBe('%21%27%28%29');
    expect(aliyunPercentEncode('签名')).toBe('%E7%AD%BE%E5%90%8D');
  });

  it('sorts by parameter name and leaves Signature out', () => {
    expect(aliyunCanonicalQuery({ b: '2', Signature: 'x', a: '1 1', A: '0' })).toBe('A=0&a=1%201&b=2');
  });

  it('writes timestamps in whole UTC seconds', () => {
    expect(aliyunTimestamp(new Date('2026-12-07T12:00:00.789Z'))).toBe('2026-12-07T12:00:00Z');
  });

  it('spells mainland numbers without +86 and others with 00', () => {
    expect(aliyunPhoneNumber('+8613800138000')).toBe('13800138000');
    expect(aliyunPhoneNumber('+85251234567')).toBe('0085251234567');
  });
});

describe('AliyunSmsSender against the protocol-faithful test server', () => {
  const server = new AliyunSmsTestServer({ signNames: ['丰收生鲜'], templates: { SMS_1: ['code'] } });
  const sender = (overrides: Partial<ConstructorParameters<typeof AliyunSmsSender>[0]> = {}) =>
    new AliyunSmsSender({
      endpoint: server.endpoint,
      accessKeyId: server.accessKeyId,
      accessKeySecret: server.accessKeySecret,
      signName: '丰收生鲜',
      regionId: 'cn-hangzhou',
      timeoutMs: 5000,
      ...overrides,
    });

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('sends a template message the server accepts (signature, params, formats), returning its BizId', async () => {
    const receipt = await sender().send('+8613800138000', 'SMS_1', { code: '042917' });
    expect(receipt.providerMessageId).toMatch(/\^/);
    expect(server.messagesTo('13800138000')).toEqual([
      expect.objectContaining({ signName: '丰收生鲜', templateCode: 'SMS_1', params: { code: '042917' } }),
    ]);
  });

  it('is refused with a wrong secret (SignatureDoesNotMatch) or unknown key, and says so without the params', async () => {
    const wrongSecret = sender({ accessKeySecret: 'not-the-secret' }).send('+8613800138000', 'SMS_1', {
      code: '111111',
    });
    await expect(wrongSecret).rejects.toThrow(SmsNotSentError);
    await expect(wrongSecret).rejects.toThrow(/SignatureDoesNotMatch/);
    await expect(wrongSecret).rejects.not.toThrow(/111111/);
    await expect(
      sender({ accessKeyId: 'LTAIunknown' }).send('+8613800138000', 'SMS_1', { code: '1' }),
    ).rejects.toThrow(/InvalidAccessKeyId.NotFound/);
  });

  it('passes on business refusals: unknown template, missing variable, unapproved signature', async () => {
    await expect(sender().send('+8613800138000', 'SMS_2', { code: '1' })).rejects.toThrow(
      /isv.SMS_TEMPLATE_ILLEGAL/,
    );
    await expect(sender().send('+8613800138000', 'SMS_1', {})).rejects.toThrow(
      /isv.TEMPLATE_MISSING_PARAMETERS/,
    );
    await expect(
      sender({ signName: 'Other' }).send('+8613800138000', 'SMS_1', { code: '1' }),
    ).rejects.toThrow(/isv.SMS_SIGNATURE_ILLEGAL/);
  });

  it('is unavailable (retry later) when the provider does not answer', async () => {
    const dead = sender({ endpoint: 'http://127.0.0.1:9', timeoutMs: 500 });
    await expect(dead.send('+8613800138000', 'SMS_1', { code: '1' })).rejects.toMatchObject({
      kind: 'unavailable',
      retryAfterSeconds: 5,
    });
  });
});

describe('AliyunSmsTestServer', () => {
  const server = new AliyunSmsTestServer();
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('refuses a replayed nonce, an old timestamp and missing common parameters, like the real endpoint', async () => {
    const { aliyunSignature } = await import('./aliyun-rpc-signature');
    const params: Record<string, string> = {
      AccessKeyId: server.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      RegionId: 'cn-hangzhou',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: 'nonce-1',
      SignatureVersion: '1.0',
      Timestamp: aliyunTimestamp(new Date()),
      Version: '2017-05-25',
      PhoneNumbers: '13800138000',
      SignName: 'Harvest',
      TemplateCode: 'SMS_HARVEST_SIGN_IN',
      TemplateParam: '{"code":"123456"}',
    };
    const call = async (p: Record<string, string>) => {
      const signed = { ...p, Signature: aliyunSignature('GET', p, server.accessKeySecret) };
      const res = await fetch(`${server.endpoint}/?${new URLSearchParams(signed)}`);
      return { status: res.status, body: (await res.json()) as { Code: string } };
    };
    expect(await call(params)).toMatchObject({ status: 200, body: { Code: 'OK' } });
    expect(await call(params)).toMatchObject({ status: 400, body: { Code: 'SignatureNonceUsed' } });
    expect(
      await call({
        ...params,
        SignatureNonce: 'nonce-2',
        Timestamp: aliyunTimestamp(new Date(Date.now() - 3600_000)),
      }),
    ).toMatchObject({ status: 400, body: { Code: 'InvalidTimeStamp.Expired' } });
    const { Version: _v, ...withoutVersion } = params;
    expect(await call({ ...withoutVersion, SignatureNonce: 'nonce-3' })).toMatchObject({
      status: 400,
      body: { Code: 'MissingParameter' },
    });
    expect(
      await call({ ...params, SignatureNonce: 'nonce-4', PhoneNumbers: '+8613800138000' }),
    ).toMatchObject({
      status: 200,
      body: { Code: 'isv.MOBILE_NUMBER_ILLEGAL' },
    });
  });
});
