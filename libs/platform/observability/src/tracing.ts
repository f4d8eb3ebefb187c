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

export const TRACES_EXPORTERS = ['none', 'console', 'otlp'] as const;
export type TracesExporter = (typeof TRACES_EXPORTERS)[number];

export interface TracingOptions {
  serviceName: string;
  /** `OTEL_TRACES_EXPORTER`; the OTLP endpoint comes from the standard `OTEL_EXPORTER_OTLP_*` variables. */
  exporter?: TracesExporter;
  /** Extra processors, e.g. an in-memory exporter in tests. */
  spanProcessors?: SpanProcessor[];
}

let provider: NodeTracerProvider | undefined;

/**
 * Registers the global tracer provider, context manager and propagator. The OpenTelemetry API is global per
 * process, so only the first call takes effect; later calls (a second app in the same test file) reuse it.
 */
export function setupTracing(options: TracingOptions): NodeTracerProvider {
  if (provider) return provider;
  const processors = [...exporterProcessors(options.exporter ?? 'none'), ...(options.spanProcessors ?? [])];
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: processors,
  });
  provider.register({
    contextManager: new AsyncLocalStorageContextManager(),
    propagator: new W3CTraceContextPropagator(),
  });
  return provider;
}

function exporterProcessors(exporter: TracesExporter): SpanProcessor[] {
  switch (exporter) {
    case 'none':
      // Spans are still created so trace ids reach logs and `traceparent` headers; they are just not shipped.
      return [];
    case 'console':
      return [new SimpleSpanProcessor(new ConsoleSpanExporter())];
    case 'otlp':
      return [new BatchSpanProcessor(new OTLPTraceExporter())];
  }
}

/** Sends buffered spans now; called when an app closes, since the provider outlives any one app. */
export async function flushTraces(): Promise<void> {
  await provider?.forceFlush();
}
