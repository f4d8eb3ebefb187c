export {
  AliyunSmsTestServer,
  type AliyunSmsTestServerOptions,
  type ReceivedSms,
} from './aliyun-sms-test-server';
