import { Module } from '@nestjs/common';
import { PickCompletionService } from './pick-completion.service';
import { PickingService } from './picking.service';
import { ScannerController } from './scanner.controller';

@Module({ controllers: [ScannerController], providers: [PickingService, PickCompletionService], exports: [PickCompletionService] })
export class PickingModule {}
