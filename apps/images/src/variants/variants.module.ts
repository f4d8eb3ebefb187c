import { Module } from '@nestjs/common';
import { ImageUrlsModule } from '../image-urls/image-urls.module';
import { VariantsController } from './variants.controller';
import { VariantsService } from './variants.service';

/** Serving the rendered variants (thumb, list, detail as WebP and JPEG) to signed URLs; rendering is image-rendering.ts. */
@Module({
  imports: [ImageUrlsModule],
  controllers: [VariantsController],
  providers: [VariantsService],
})
export class VariantsModule {}
