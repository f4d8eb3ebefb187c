export {
  WechatPayTestServer,
  type WechatPayNotificationRequest,
  type WechatTestRefund,
  type WechatTestTrade,
} from './wechat-pay-test-server';
export { AlipayTestServer, type AlipayTestRefund, type AlipayTestTrade } from './alipay-test-server';
