import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthRegistry } from './dependency-health';
import { HealthReportService } from './health-report.service';

/**
 * Global so that adapters in any module can inject HealthRegistry (with @Optional()) and register their
 * indicator from their constructor or onModuleInit.
 */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  providers: [HealthRegistry, HealthReportService],
  exports: [HealthRegistry, HealthReportService],
})
export class HealthModule {}
