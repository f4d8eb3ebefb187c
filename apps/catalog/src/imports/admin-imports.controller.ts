import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { StartImportDto } from './dto/start-import.dto';
import type { ImportJob } from './entities/import-job.entity';
import { ImportsService } from './imports.service';
import { ApiAcceptedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ImportJobView } from './dto/import-job.view.dto';

@Controller('admin/imports')
@Roles('admin')
export class AdminImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** 202 with the job; poll GET /admin/imports/:id for processed/total and the per-row errors. */
  @Post('products')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ImportJobView })
  @Idempotent()
  async start(@Body() body: StartImportDto, @CurrentPrincipal() principal: Principal) {
    return importView(await this.imports.start(body.csv, principal.subject));
  }

  @Get(':id')
  @ApiOkResponse({ type: ImportJobView })
  @ProblemResponses({ 404: ['import-not-found'] })
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    return importView(await this.imports.find(id));
  }
}

function importView(job: ImportJob) {
  return {
    id: job.id,
    status: job.status,
    total: job.total,
    processed: job.processed,
    succeeded: job.succeeded,
    failed: job.failed,
    errors: job.errors,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
