import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { BaseRpcExceptionFilter } from '@nestjs/microservices';
import type { Logger } from '@harvest/platform/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './send-problem';

/**
 * Every error response is application/problem+json, including Fastify's own (bad JSON, body too large,
 * unsupported media type) which Nest routes here through the adapter's error handler.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  /** Hybrid apps inherit global filters into the events microservice; there, errors keep Nest's own handling. */
  private readonly rpcFilter = new BaseRpcExceptionFilter();

  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') return this.rpcFilter.catch(exception, host);
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
    return undefined;
  }
}
