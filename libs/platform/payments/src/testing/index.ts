export {
  WechatPayTestServer,
  type WechatPayNotificationRequest,
  type WechatTestTrade,
} from './wechat-pay-test-server';
export { AlipayTestServer, type AlipayTestTrade } from './alipay-test-server';
