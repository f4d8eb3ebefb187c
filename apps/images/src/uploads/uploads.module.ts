import { Module } from '@nestjs/common';
import { GarbageCollectionModule } from '../garbage-collection/garbage-collection.module';
import { ImageUrlsModule } from '../image-urls/image-urls.module';
import { ImagesModule } from '../images/images.module';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

/** Staff uploads: the request read and typed, the image checked, rendered, stored and recorded. */
@Module({
  imports: [ImagesModule, ImageUrlsModule, GarbageCollectionModule],
  controllers: [UploadsController],
  providers: [UploadsService],
  exports: [UploadsService],
})
export class UploadsModule {}
