import type { Env } from '@harvest/platform/config';
import type { HttpApp } from '@harvest/platform/http';
import { createService } from '@harvest/platform/runtime';
import { AliyunSmsTestServer } from '@harvest/platform/sms/testing';
import { connectAsRoot, serviceTestEnvironment, withResponseCheck } from '@harvest/testing';
import { Writable } from 'node:stream';
import { identityService } from '../src/identity.service-definition';

export interface IdentityUnderTest {
  http: HttpApp;
  sms: AliyunSmsTestServer;
  /** The service's schema, for specs that move time along by shifting stored timestamps. */
  schema: string;
  /** Every line the service logged (at trace level), raw, in order: for specs that prove what is never logged. */
  logLines: string[];
  /** The code the SMS test server delivered last to a mainland number (11 digits, as Aliyun spells it). */
  lastCodeSentTo(nationalNumber: string): string;
  /** Moves every stored code's expiry `seconds` into the past (time passing, without waiting for it). */
  ageCodes(seconds: number): Promise<void>;
  /** Moves every counted send and failure `seconds` into the past. */
  ageThrottles(seconds: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The identity service in-process on throwaway schemas, sending through the Aliyun SMS test server and logging
 * everything (trace level) into memory. `env` adds to or overrides its settings (auth, limits, ...).
 */
export async function startIdentityForTest(env: Env = {}): Promise<IdentityUnderTest> {
  const sms = new AliyunSmsTestServer();
  await sms.start();
  const test = await serviceTestEnvironment('identity', {
    LOG_LEVEL: 'trace',
    IDENTITY_HASH_SECRET: 'identity-test-hash-secret-0123456789abcdef',
    SMS_ALIYUN_ENDPOINT: sms.endpoint,
    SMS_ALIYUN_ACCESS_KEY_ID: sms.accessKeyId,
    SMS_ALIYUN_ACCESS_KEY_SECRET: sms.accessKeySecret,
    SMS_SIGN_NAME: 'Harvest',
    ...env,
  });
  const logLines: string[] = [];
  const logDestination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const http = await createService(
    withResponseCheck({ ...identityService, name: `identity_${test.runId}` }),
    { DB_NAME: `${test.prefix}identity`, EVENTS_DB_NAME: `${test.prefix}events`, ...test.env },
    { logDestination },
  );
  return {
    http,
    sms,
    schema: `${test.prefix}identity`,
    logLines,
    lastCodeSentTo(nationalNumber) {
      const message = sms.messagesTo(nationalNumber).at(-1);
      if (!message) throw new Error(`the SMS test server has no message to ${nationalNumber}`);
      return message.params.code!;
    },
    ageCodes: (seconds) => shiftColumn(`${test.prefix}identity`, 'phone_code', 'expires_at', seconds),
    ageThrottles: (seconds) => shiftColumn(`${test.prefix}identity`, 'throttle_event', 'at', seconds),
    async close() {
      await http.app.close();
      await sms.stop();
      await test.dropDatabases();
    },
  };
}

async function shiftColumn(schema: string, table: string, column: string, seconds: number): Promise<void> {
  const root = await connectAsRoot();
  try {
    await root.query(`UPDATE \`${schema}\`.${table} SET ${column} = ${column} - INTERVAL ? SECOND`, [
      seconds,
    ]);
  } finally {
    await root.end();
  }
}
