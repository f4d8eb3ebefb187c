import { Module } from '@nestjs/common';
import { ImageGcService } from './image-gc.service';
import { ImageUrlsService } from './image-urls.service';
import { ImagesController } from './images.controller';
import { ImagesService } from './images.service';
import { ProductImagesController } from './product-images.controller';

/** Uploads, variants, signed URLs and GC; ObjectStorage and IMAGES_CONFIG come from the runtime. */
@Module({
  controllers: [ImagesController, ProductImagesController],
  providers: [ImagesService, ImageUrlsService, ImageGcService],
  exports: [ImagesService],
})
export class ImagesModule {}
