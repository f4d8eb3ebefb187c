import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The one Prometheus registry of the process, served at /metrics. Other libraries add their own metrics with
 * the define* helpers below, which return the already-registered metric when called again (a module that is
 * instantiated twice, e.g. two apps in one test file, must not throw "already registered").
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

type LabelNames<T extends string> = readonly T[];

export function defineCounter<T extends string>(
  name: string,
  help: string,
  labelNames: LabelNames<T> = [],
): Counter<T> {
  return (
    (metricsRegistry.getSingleMetric(name) as Counter<T> | undefined) ??
    new Counter({ name, help, labelNames, registers: [metricsRegistry] })
  );
}

export function defineGauge<T extends string>(
  name: string,
  help: string,
  labelNames: LabelNames<T> = [],
): Gauge<T> {
  return (
    (metricsRegistry.getSingleMetric(name) as Gauge<T> | undefined) ??
    new Gauge({ name, help, labelNames, registers: [metricsRegistry] })
  );
}

export function defineHistogram<T extends string>(
  name: string,
  help: string,
  labelNames: LabelNames<T> = [],
  buckets?: number[],
): Histogram<T> {
  return (
    (metricsRegistry.getSingleMetric(name) as Histogram<T> | undefined) ??
    new Histogram({ name, help, labelNames, buckets, registers: [metricsRegistry] })
  );
}

export const httpRequestDuration = defineHistogram(
  'http_server_request_duration_seconds',
  'Duration of HTTP requests handled by this service, by method, route template and status code.',
  ['method', 'route', 'status_code'],
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
);

/** The text exposition format and its content type, for the /metrics endpoint. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
