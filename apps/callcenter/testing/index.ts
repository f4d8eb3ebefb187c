// The callcenter service's test kit, imported as @harvest/callcenter/testing. It lives outside src, so the
// image (docker/build-service.js compiles apps/callcenter/src only) never carries the fake vendor.
export {
  CLIENT_SECRET,
  OLD_WEBHOOK_SECRET,
  WEBHOOK_SECRET,
  addContact,
  captureLogLines,
  skylineEvent,
  startCallcenterTestApp,
  waitUntil,
  type CallcenterTestApp,
} from './callcenter-test-kit';
export { FakeSkylineVendor, type FakeVendorRequest, type VendorMode } from './fake-skyline-vendor.server';
export { SseReader, type SseMessage } from './sse-reader';
