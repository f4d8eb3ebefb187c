import { Module } from '@nestjs/common';
import { CallsModule } from '../calls/calls.module';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationJob } from './reconciliation.job';
import { ReconciliationService } from './reconciliation.service';

@Module({ imports: [CallsModule], controllers: [ReconciliationController], providers: [ReconciliationService, ReconciliationJob] })
export class ReconciliationModule {}
