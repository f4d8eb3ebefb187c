import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ProblemResponses, Roles } from '@harvest/platform/http';
import { InProcessSearchIndex } from './in-process-search-index.service';
import { SearchIndexSyncService } from './search-index-sync.service';
import { SearchReindexService } from './search-reindex.service';
import { ApiAcceptedResponse, ApiOkResponse } from '@nestjs/swagger';
import { InProcessIndexStatusView, ReindexStatusView } from './dto/search-views.dto';

@Controller('admin/search')
@Roles('admin')
export class AdminSearchController {
  constructor(
    private readonly reindex: SearchReindexService,
    private readonly sync: SearchIndexSyncService,
    private readonly local: InProcessSearchIndex,
  ) {}

  /** Starts a full rebuild with alias swap; poll GET /admin/search/reindex for progress. */
  @Post('reindex')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ReindexStatusView })
  @ProblemResponses({ 409: ['reindex-running'], 503: ['search-engine-disabled'] })
  start() {
    return this.reindex.start();
  }

  @Get('reindex')
  @ApiOkResponse({ type: ReindexStatusView })
  async status() {
    return {
      ...this.reindex.status(),
      pendingCatchUp: this.sync.enabled ? await this.sync.pendingCount() : 0,
    };
  }

  /** This instance's in-process index: build progress, size and memory. */
  @Get('in-process')
  @ApiOkResponse({ type: InProcessIndexStatusView })
  inProcess() {
    return this.local.status();
  }
}
