import { Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { Public, Roles } from '@harvest/platform/http';
import { ImageUrlsService } from '../image-urls/image-urls.service';
import { ImageNotFoundError } from './domain/image.errors';
import { ImageIdParams, ImageProductParams } from './dto/image-params.dto';
import { adminImageView, publicImageView } from './dto/image-views';
import { ImagesService, type ImageRecord } from './images.service';

@Controller('images')
export class ImagesController {
  constructor(
    private readonly images: ImagesService,
    private readonly urls: ImageUrlsService,
  ) {}

  @Get(':id')
  @Roles('admin')
  async describe(@Param() params: ImageIdParams) {
    return adminImageView(await this.found(params.id), this.urls);
  }

  /** Signed variant URLs for anyone who may see the image (storefront, apps, agents). */
  @Get(':id/urls')
  @Public()
  async signedUrls(@Param() params: ImageIdParams) {
    return publicImageView(await this.found(params.id), this.urls);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  async remove(@Param() params: ImageIdParams): Promise<void> {
    await this.images.delete(params.id);
  }

  @Put(':id/products/:productId')
  @Roles('admin')
  @HttpCode(204)
  async link(@Param() params: ImageProductParams): Promise<void> {
    await this.images.link(params.id, params.productId);
  }

  @Delete(':id/products/:productId')
  @Roles('admin')
  @HttpCode(204)
  async unlink(@Param() params: ImageProductParams): Promise<void> {
    await this.images.unlink(params.id, params.productId);
  }

  private async found(id: string): Promise<ImageRecord> {
    const record = await this.images.find(id);
    if (!record) throw new ImageNotFoundError(`image ${id}`);
    return record;
  }
}
