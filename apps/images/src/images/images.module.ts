import { Module } from '@nestjs/common';
import { GarbageCollectionModule } from '../garbage-collection/garbage-collection.module';
import { ImageUrlsModule } from '../image-urls/image-urls.module';
import { ImagesController } from './images.controller';
import { ImagesService } from './images.service';
import { ProductImagesController } from './product-images.controller';

/** The recorded images: metadata, signed URL views, product links, deletion. */
@Module({
  imports: [ImageUrlsModule, GarbageCollectionModule],
  controllers: [ImagesController, ProductImagesController],
  providers: [ImagesService],
  exports: [ImagesService],
})
export class ImagesModule {}
