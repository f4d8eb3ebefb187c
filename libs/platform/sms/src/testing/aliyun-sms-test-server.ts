import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { aliyunSignature } from '../aliyun-rpc-signature';

/** One message the test server accepted, as the handset would show it (template and params separately). */
export interface ReceivedSms {
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  params: Record<string, string>;
  bizId: string;
  at: Date;
}

export interface AliyunSmsTestServerOptions {
  accessKeyId?: string;
  accessKeySecret?: string;
  signNames?: string[];
  /** Approved templates and the variables each needs, e.g. { SMS_123: ['code'] }. */
  templates?: Record<string, string[]>;
}

const COMMON_PARAMS = [
  'AccessKeyId',
  'Action',
  'Format',
  'RegionId',
  'SignatureMethod',
  'SignatureNonce',
  'SignatureVersion',
  'Timestamp',
  'Version',
  'Signature',
] as const;
/** Aliyun refuses a request whose Timestamp is more than 15 minutes off its clock. */
const TIMESTAMP_TOLERANCE_MS = 15 * 60_000;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** Mainland mobile (11 digits), or 00 + country code for international numbers; up to 1000, comma-separated. */
const PHONE = /^(1[3-9]\d{9}|00\d{6,15})$/;

/**
 * A protocol-faithful stand-in for Aliyun SMS `SendSms` (dysmsapi, 2017-05-25) on loopback: it checks what
 * the real endpoint checks (every common parameter, HMAC-SHA1 signature over the percent-encoded sorted
 * parameters, timestamp window, single-use nonce, known AccessKeyId, approved sign name and template, the
 * template's variables present, phone numbers' format) and answers in its shapes: HTTP 400/404 with
 * `Code`/`Message`/`RequestId`/`HostId`/`Recommend` for a bad call, HTTP 200 with `Code: "OK"` and `BizId` for a
 * sent message, HTTP 200 with an `isv.*` code for a business refusal. Accepted messages are recorded so a spec
 * can read the code the customer would receive.
 */
export class AliyunSmsTestServer {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly signNames: string[];
  readonly templates: Record<string, string[]>;
  readonly received: ReceivedSms[] = [];
  /** Every refusal, newest last, so a spec can say why a send failed. */
  readonly refusals: string[] = [];
  private readonly nonces = new Set<string>();
  private server?: Server;
  private port = 0;

  constructor(options: AliyunSmsTestServerOptions = {}) {
    this.accessKeyId = options.accessKeyId ?? 'LTAI5tTestAccessKeyId';
    this.accessKeySecret = options.accessKeySecret ?? 'test-access-key-secret-0123456789';
    this.signNames = options.signNames ?? ['Harvest'];
    this.templates = options.templates ?? { SMS_HARVEST_SIGN_IN: ['code'] };
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The messages sent to one number (mainland numbers as the API spells them, without +86). */
  messagesTo(phoneNumbers: string): ReceivedSms[] {
    return this.received.filter((m) => m.phoneNumbers === phoneNumbers);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method === 'GET' ? 'GET' : req.method === 'POST' ? 'POST' : undefined;
    const url = new URL(req.url ?? '/', this.endpoint);
    if (!method || url.pathname !== '/')
      return this.fail(
        res,
        404,
        'InvalidAction.NotFound',
        'Specified api is not found, please check your url and method.',
      );
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw =
      method === 'GET'
        ? url.searchParams
        : String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
          ? new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
          : new URLSearchParams(url.search);
    const params: Record<string, string> = {};
    for (const [name, value] of raw) params[name] = value;
    for (const [name, value] of url.searchParams) params[name] ??= value;

    const missing = COMMON_PARAMS.find((name) => !params[name]);
    if (missing)
      return this.fail(
        res,
        400,
        'MissingParameter',
        `The input parameter "${missing}" that is mandatory for processing this request is not supplied.`,
      );
    if (params.Format !== 'JSON' && params.Format !== 'XML')
      return this.fail(res, 400, 'InvalidParameter.Format', 'Specified parameter Format is not valid.');
    if (params.Version !== '2017-05-25')
      return this.fail(res, 400, 'InvalidVersion', 'Specified parameter Version is not valid.');
    if (params.SignatureMethod !== 'HMAC-SHA1')
      return this.fail(
        res,
        400,
        'InvalidParameter.SignatureMethod',
        'Specified signature method is not supported.',
      );
    if (params.SignatureVersion !== '1.0')
      return this.fail(
        res,
        400,
        'InvalidParameter.SignatureVersion',
        'Specified signature version is not supported.',
      );
    if (!TIMESTAMP.test(params.Timestamp!))
      return this.fail(
        res,
        400,
        'InvalidTimeStamp.Format',
        'Specified time stamp or date value is not well formatted.',
      );
    if (Math.abs(Date.parse(params.Timestamp!) - Date.now()) > TIMESTAMP_TOLERANCE_MS)
      return this.fail(
        res,
        400,
        'InvalidTimeStamp.Expired',
        'Specified time stamp or date value is expired.',
      );
    if (params.AccessKeyId !== this.accessKeyId)
      return this.fail(res, 404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (aliyunSignature(method, params, this.accessKeySecret) !== params.Signature)
      return this.fail(
        res,
        400,
        'SignatureDoesNotMatch',
        'Specified signature is not matched with our calculation.',
      );
    if (this.nonces.has(params.SignatureNonce!))
      return this.fail(res, 400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    this.nonces.add(params.SignatureNonce!);
    if (params.Action !== 'SendSms')
      return this.fail(
        res,
        404,
        'InvalidAction.NotFound',
        'Specified api is not found, please check your url and method.',
      );

    if (!params.PhoneNumbers)
      return this.fail(res, 400, 'MissingPhoneNumbers', 'PhoneNumbers is mandatory for this action.');
    if (!params.SignName)
      return this.fail(res, 400, 'MissingSignName', 'SignName is mandatory for this action.');
    if (!params.TemplateCode)
      return this.fail(res, 400, 'MissingTemplateCode', 'TemplateCode is mandatory for this action.');
    const phones = params.PhoneNumbers.split(',');
    if (phones.length > 1000 || !phones.every((p) => PHONE.test(p)))
      return this.business(res, 'isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    if (!this.signNames.includes(params.SignName))
      return this.business(res, 'isv.SMS_SIGNATURE_ILLEGAL', '签名不合法(不存在或被拉黑)');
    const variables = this.templates[params.TemplateCode];
    if (!variables) return this.business(res, 'isv.SMS_TEMPLATE_ILLEGAL', '模板不合法(不存在或被拉黑)');
    let templateParams: unknown;
    try {
      templateParams = params.TemplateParam ? JSON.parse(params.TemplateParam) : {};
    } catch {
      return this.business(res, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法,只接受字符串值');
    }
    if (
      typeof templateParams !== 'object' ||
      templateParams === null ||
      Array.isArray(templateParams) ||
      !Object.values(templateParams).every((v) => typeof v === 'string')
    )
      return this.business(res, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法,只接受字符串值');
    const values = templateParams as Record<string, string>;
    if (!variables.every((name) => values[name] !== undefined))
      return this.business(res, 'isv.TEMPLATE_MISSING_PARAMETERS', '模板缺少变量');

    const bizId = `${Date.now()}^${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    for (const phoneNumbers of phones)
      this.received.push({
        phoneNumbers,
        signName: params.SignName,
        templateCode: params.TemplateCode,
        params: values,
        bizId,
        at: new Date(),
      });
    this.json(res, 200, { Message: 'OK', RequestId: randomUUID().toUpperCase(), BizId: bizId, Code: 'OK' });
  }

  private fail(res: ServerResponse, status: number, code: string, message: string): void {
    this.refusals.push(code);
    this.json(res, status, {
      RequestId: randomUUID().toUpperCase(),
      HostId: 'dysmsapi.aliyuncs.com',
      Code: code,
      Message: message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&product=Dysmsapi`,
    });
  }

  private business(res: ServerResponse, code: string, message: string): void {
    this.refusals.push(code);
    this.json(res, 200, { Message: message, RequestId: randomUUID().toUpperCase(), Code: code });
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
    res.end(JSON.stringify(body));
  }
}
