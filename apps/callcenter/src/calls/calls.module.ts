import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { CallsController } from './calls.controller';
import { CallsService } from './calls.service';

@Module({ imports: [DirectoryModule], controllers: [CallsController], providers: [CallsService], exports: [CallsService] })
export class CallsModule {}
