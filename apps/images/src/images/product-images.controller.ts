import { Controller, Get, Param } from '@nestjs/common';
import { Public } from '@harvest/platform/http';
import { ApiOkResponse } from '@nestjs/swagger';
import { ProductParams } from './dto/image-params.dto';
import { ProductImagesView } from './dto/image-views.dto';
import { publicImageView } from './dto/image-views';
import { ImageUrlsService } from '../image-urls/image-urls.service';
import { ImagesService } from './images.service';

@Controller('products')
export class ProductImagesController {
  constructor(
    private readonly images: ImagesService,
    private readonly urls: ImageUrlsService,
  ) {}

  /** A product's images, oldest link first, with signed variant URLs. */
  @Get(':productId/images')
  @Public()
  @ApiOkResponse({ type: ProductImagesView })
  async list(@Param() params: ProductParams) {
    const records = await this.images.findByProduct(params.productId);
    return { productId: params.productId, images: records.map((r) => publicImageView(r, this.urls)) };
  }
}
