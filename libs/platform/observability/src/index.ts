export { injectTraceContext, runWithTraceContext, type TraceCarrier } from './trace-carrier';
