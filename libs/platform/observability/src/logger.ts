import pino, { type DestinationStream, type Logger } from 'pino';
import { currentLogCorrelation } from './log-context';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  serviceName: string;
  level?: LogLevel;
  /** Defaults to stdout; tests pass a stream that collects lines. */
  destination?: DestinationStream;
}

export type { Logger };

/** JSON logs; every line written inside a request or span carries its trace_id, span_id and request_id. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.serviceName },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ ...currentLogCorrelation() }),
    },
    // Synchronous stdout (pino's default): the last lines before a crash are the ones that matter.
    options.destination ?? pino.destination(1),
  );
}
