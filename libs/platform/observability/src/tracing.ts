import { context, propagation, trace, type TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { NonRecordingTracerProvider } from './non-recording-tracer';

export const TRACES_EXPORTERS = ['none', 'console', 'otlp'] as const;
export type TracesExporter = (typeof TRACES_EXPORTERS)[number];

export interface TracingOptions {
  serviceName: string;
  /** `OTEL_TRACES_EXPORTER`; the OTLP endpoint comes from the standard `OTEL_EXPORTER_OTLP_*` variables. */
  exporter?: TracesExporter;
  /** Extra processors, e.g. an in-memory exporter in tests. */
  spanProcessors?: SpanProcessor[];
}

let provider: TracerProvider | undefined;

/**
 * Registers the global tracer provider, context manager and propagator. The OpenTelemetry API is global per
 * process, so only the first call takes effect; later calls (a second app in the same test file) reuse it.
 * With no processor at all (no exporter, none given) spans do not record: the provider only mints the span
 * contexts that `traceparent` answers and log lines carry (see NonRecordingTracer).
 */
export function setupTracing(options: TracingOptions): TracerProvider {
  if (provider) return provider;
  const processors = [...exporterProcessors(options.exporter ?? 'none'), ...(options.spanProcessors ?? [])];
  const contextManager = new AsyncLocalStorageContextManager();
  const propagator = new W3CTraceContextPropagator();
  if (processors.length === 0) {
    provider = new NonRecordingTracerProvider();
    context.setGlobalContextManager(contextManager.enable());
    propagation.setGlobalPropagator(propagator);
    trace.setGlobalTracerProvider(provider);
    return provider;
  }
  const recording = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: processors,
  });
  recording.register({ contextManager, propagator });
  provider = recording;
  return provider;
}

function exporterProcessors(exporter: TracesExporter): SpanProcessor[] {
  switch (exporter) {
    case 'none':
      // Nothing ships spans; setupTracing then only mints trace and span ids for logs and `traceparent`.
      return [];
    case 'console':
      return [new SimpleSpanProcessor(new ConsoleSpanExporter())];
    case 'otlp':
      return [new BatchSpanProcessor(new OTLPTraceExporter())];
  }
}

/** Sends buffered spans now; called when an app closes, since the provider outlives any one app. */
export async function flushTraces(): Promise<void> {
  if (provider instanceof NodeTracerProvider) await provider.forceFlush();
}
