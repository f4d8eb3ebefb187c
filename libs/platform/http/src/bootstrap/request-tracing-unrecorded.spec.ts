import { describeVisibleTracing } from '../testing/request-tracing-cases';

// Production without an exporter (OTEL_TRACES_EXPORTER=none): spans do not record, yet the answer's
// traceparent and the log lines are those of the recording mode (request-tracing.spec.ts runs the same cases).
describeVisibleTracing(false);
