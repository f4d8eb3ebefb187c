import { ApiExtraModels, ApiOkResponse, ApiResponse } from '@nestjs/swagger';
import { Controller, Get, Res } from '@nestjs/common';
import { HealthReportService, type LivenessReport, type ReadinessReport } from '@harvest/platform/health';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { DependencyStatusView, LivenessView, ReadinessView } from './health.views.dto';

/** Probes for the orchestrator and load balancer, which carry no token. */
@Public()
@ApiExtraModels(DependencyStatusView)
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthReportService) {}

  @Get('live')
  @ApiOkResponse({ type: LivenessView })
  live(): LivenessReport {
    return this.health.liveness();
  }

  /** 503 only for a critical dependency; the body names every dependency either way. */
  @Get('ready')
  @ApiOkResponse({ type: ReadinessView })
  @ApiResponse({ status: 503, description: 'A critical dependency is down.', type: ReadinessView })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.health.readiness();
    reply.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
