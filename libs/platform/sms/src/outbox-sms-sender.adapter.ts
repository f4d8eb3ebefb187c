import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SmsSender, type SmsReceipt } from './sms-sender.port';

/**
 * The embedded default's handset (`npm start`, SMS_DRIVER=outbox): each message is appended as one JSON line to
 * a file only its owner can read (0600), where a developer reads the code they were "sent". It is the phone's
 * inbox, not a log: no log line carries it. Never for production (the runtime refuses nothing here, so the
 * deployment sets SMS_DRIVER=aliyun, the default).
 */
export class OutboxSmsSender extends SmsSender {
  constructor(private readonly file: string) {
    super();
  }

  async send(phone: string, templateCode: string, params: Record<string, string>): Promise<SmsReceipt> {
    const providerMessageId = randomUUID();
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const line = JSON.stringify({
      at: new Date().toISOString(),
      phone,
      templateCode,
      params,
      providerMessageId,
    });
    await appendFile(this.file, `${line}\n`, { mode: 0o600 });
    return { providerMessageId };
  }
}
