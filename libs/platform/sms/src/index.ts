export { SmsSender, SmsNotSentError, type SmsReceipt } from './sms-sender.port';
export { OutboxSmsSender } from './outbox-sms-sender.adapter';
export { AliyunSmsSender, aliyunPhoneNumber, type AliyunSmsSettings } from './aliyun-sms-sender.adapter';
export {
  aliyunCanonicalQuery,
  aliyunPercentEncode,
  aliyunSignature,
  aliyunStringToSign,
  aliyunTimestamp,
} from './aliyun-rpc-signature';
export { SMS_DRIVERS, createSmsSender, smsConfigFromEnv, smsEnvShape, type SmsConfig } from './sms.config';
export { SmsModule } from './sms.module';
