import { Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ProblemResponses, Public, Roles } from '@harvest/platform/http';
import { ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { ImageUrlsService } from '../image-urls/image-urls.service';
import { ImageNotFoundError } from './domain/image.errors';
import { ImageIdParams, ImageProductParams } from './dto/image-params.dto';
import { AdminImageView, PublicImageView } from './dto/image-views.dto';
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
  @ApiOkResponse({ type: AdminImageView })
  @ProblemResponses({ 404: ['not-found'] })
  async describe(@Param() params: ImageIdParams) {
    return adminImageView(await this.found(params.id), this.urls);
  }

  /** Signed variant URLs for anyone who may see the image (storefront, apps, agents). */
  @Get(':id/urls')
  @Public()
  @ApiOkResponse({ type: PublicImageView })
  @ProblemResponses({ 404: ['not-found'] })
  async signedUrls(@Param() params: ImageIdParams) {
    return publicImageView(await this.found(params.id), this.urls);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, with its links; its files go to the garbage collector.' })
  @ProblemResponses({ 404: ['not-found'] })
  async remove(@Param() params: ImageIdParams): Promise<void> {
    await this.images.delete(params.id);
  }

  @Put(':id/products/:productId')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Linked (linking twice is harmless).' })
  @ProblemResponses({ 404: ['not-found'] })
  async link(@Param() params: ImageProductParams): Promise<void> {
    await this.images.link(params.id, params.productId);
  }

  @Delete(':id/products/:productId')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Unlinked.' })
  @ProblemResponses({ 404: ['not-found'] })
  async unlink(@Param() params: ImageProductParams): Promise<void> {
    await this.images.unlink(params.id, params.productId);
  }

  private async found(id: string): Promise<ImageRecord> {
    const record = await this.images.find(id);
    if (!record) throw new ImageNotFoundError(`image ${id}`);
    return record;
  }
}
