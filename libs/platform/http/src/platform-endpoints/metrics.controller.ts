import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { Controller, Get, Res } from '@nestjs/common';
import { renderMetrics } from '@harvest/platform/observability';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';

/** Prometheus scrapes without a token; keep /metrics off the public ingress. */
@Public()
@Controller('metrics')
export class MetricsController {
  @Get()
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text exposition format.',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  async metrics(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { contentType, body } = await renderMetrics();
    reply.header('content-type', contentType);
    return body;
  }
}
