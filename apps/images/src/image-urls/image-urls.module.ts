import { Module } from '@nestjs/common';
import { ImageUrlsService } from './image-urls.service';

/** Signing and checking variant URLs (FastDFS anti-steal tokens), for the views and the variant route. */
@Module({
  providers: [ImageUrlsService],
  exports: [ImageUrlsService],
})
export class ImageUrlsModule {}
