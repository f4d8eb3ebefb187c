export { injectTraceContext, runWithTraceContext, type TraceCarrier } from './trace-carrier';
export {
  setupTracing,
  flushTraces,
  TRACES_EXPORTERS,
  type TracesExporter,
  type TracingOptions,
} from './tracing';
export { withSpan, TRACER_NAME, type SpanOptions } from './with-span';
export { currentLogCorrelation, withRequestId, type LogCorrelation } from './log-context';
export { createLogger, LOG_LEVELS, type LogLevel, type Logger, type LoggerOptions } from './logger';
export { PinoNestLogger } from './pino-nest-logger';
export {
  metricsRegistry,
  defineCounter,
  defineGauge,
  defineHistogram,
  httpRequestDuration,
  renderMetrics,
} from './metrics-registry';
export { instrumentHttpServer, requestContext, UNMATCHED_ROUTE } from './http-server-instrumentation';
