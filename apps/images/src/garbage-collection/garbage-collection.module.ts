import { Module } from '@nestjs/common';
import { GarbageCollectionController } from './garbage-collection.controller';
import { ImageGcService } from './image-gc.service';

/** Deleting stored files no image refers to: the orphan queue, its timer, and the admin's run-now route. */
@Module({
  controllers: [GarbageCollectionController],
  providers: [ImageGcService],
  exports: [ImageGcService],
})
export class GarbageCollectionModule {}
