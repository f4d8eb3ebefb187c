import { Module } from '@nestjs/common';
import { CallsModule } from '../calls/calls.module';
import { AgentActionsController } from './agent-actions.controller';
import { AgentActionsService } from './agent-actions.service';

@Module({ imports: [CallsModule], controllers: [AgentActionsController], providers: [AgentActionsService], exports: [AgentActionsService] })
export class AgentActionsModule {}
