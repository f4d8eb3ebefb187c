import { randomUUID } from 'node:crypto';
import { SmsNotSentError, SmsSender, type SmsReceipt } from './sms-sender.port';
import { aliyunPercentEncode, aliyunSignature, aliyunTimestamp } from './aliyun-rpc-signature';

export interface AliyunSmsSettings {
  /** https://dysmsapi.aliyuncs.com in production; the test server's URL in specs. */
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** The approved signature (签名) shown at the start of every message, e.g. 【Harvest】. */
  signName: string;
  regionId: string;
  timeoutMs: number;
}

/** Mainland numbers go without the country code; others as 00 + country code + number (Aliyun's format). */
export function aliyunPhoneNumber(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : `00${e164.slice(1)}`;
}

/**
 * Aliyun SMS `SendSms` (API version 2017-05-25, RPC style): a POST of form-encoded parameters signed with
 * HMAC-SHA1. Success is HTTP 200 with `Code: "OK"`; anything else is an SmsNotSentError carrying the provider's
 * code (never the message parameters).
 */
export class AliyunSmsSender extends SmsSender {
  constructor(private readonly settings: AliyunSmsSettings) {
    super();
  }

  async send(phone: string, templateCode: string, params: Record<string, string>): Promise<SmsReceipt> {
    const request: Record<string, string> = {
      AccessKeyId: this.settings.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      RegionId: this.settings.regionId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      Timestamp: aliyunTimestamp(new Date()),
      Version: '2017-05-25',
      PhoneNumbers: aliyunPhoneNumber(phone),
      SignName: this.settings.signName,
      TemplateCode: templateCode,
      TemplateParam: JSON.stringify(params),
    };
    request.Signature = aliyunSignature('POST', request, this.settings.accessKeySecret);
    const body = Object.entries(request)
      .map(([name, value]) => `${aliyunPercentEncode(name)}=${aliyunPercentEncode(value)}`)
      .join('&');
    let response: Response;
    try {
      response = await fetch(`${this.settings.endpoint.replace(/\/+$/, '')}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch {
      throw new SmsNotSentError('the SMS provider did not answer', { retryAfterSeconds: 5 });
    }
    const answer = (await response.json().catch(() => ({}))) as { Code?: string; BizId?: string };
    if (response.ok && answer.Code === 'OK' && answer.BizId) return { providerMessageId: answer.BizId };
    const code = typeof answer.Code === 'string' ? answer.Code : `HTTP ${response.status}`;
    throw new SmsNotSentError(`the SMS provider answered ${code}`, {
      ...(code === 'isv.BUSINESS_LIMIT_CONTROL' ? { retryAfterSeconds: 60 } : {}),
    });
  }
}
