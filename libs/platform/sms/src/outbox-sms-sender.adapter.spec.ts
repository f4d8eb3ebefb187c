import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSmsSender, smsConfigFromEnv, smsEnvShape } from './sms.config';
import { loadConfig } from '@harvest/platform/config';

describe('the outbox SMS driver (npm start)', () => {
  it('appends each message as a JSON line to an owner-only file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'harvest-sms-outbox-'));
    try {
      const file = join(dir, 'run', 'sms-outbox.jsonl');
      const config = smsConfigFromEnv(
        loadConfig(smsEnvShape, { SMS_DRIVER: 'outbox', SMS_OUTBOX_FILE: file }),
      );
      const sender = createSmsSender(config);
      await sender.send('+8613800138000', 'SMS_HARVEST_SIGN_IN', { code: '123456' });
      await sender.send('+8613800138001', 'SMS_HARVEST_SIGN_IN', { code: '654321' });
      const lines = (await readFile(file, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toEqual([
        expect.objectContaining({ phone: '+8613800138000', params: { code: '123456' } }),
        expect.objectContaining({ phone: '+8613800138001', params: { code: '654321' } }),
      ]);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('requires the Aliyun keys when the driver is aliyun (the default)', () => {
    expect(() => smsConfigFromEnv(loadConfig(smsEnvShape, {}))).toThrow(/SMS_ALIYUN_ACCESS_KEY_ID/);
  });
});
