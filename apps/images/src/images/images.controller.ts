import type { MultipartFile } from '@fastify/multipart';
import { Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Public, Roles, type Principal } from '@harvest/platform/http';
import { Inject } from '@nestjs/common';
import { IMAGES_CONFIG, type ImagesConfig } from '../images.config';
import { parseVariantName } from './domain/variant-presets';
import { ImageIdParams, ImageProductParams, ImageVariantParams } from './dto/image-params.dto';
import { adminImageView, publicImageView } from './dto/image-views';
import { SignedUrlQuery } from './dto/signed-url-query.dto';
import { ImageGcService } from './image-gc.service';
import { ImageProblems } from './image-problems';
import { VARIANT_CONTENT_TYPE } from './image-rendering';
import { ImageUrlsService } from './image-urls.service';
import { ImagesService, type ImageRecord } from './images.service';

@Controller('images')
export class ImagesController {
  constructor(
    private readonly images: ImagesService,
    private readonly urls: ImageUrlsService,
    private readonly gc: ImageGcService,
    @Inject(IMAGES_CONFIG) private readonly config: ImagesConfig,
  ) {}

  /** Staff upload: multipart/form-data with one part `file`. 201 for a new image, 200 when the same bytes exist. */
  @Post()
  @Roles('admin')
  async upload(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { part, nothingAfter } = await this.filePart(request);
    const { record, created } = await this.images.upload(
      { stream: part.file, filename: part.filename, truncated: () => part.file.truncated, nothingAfter },
      principal.subject,
    );
    reply.status(created ? 201 : 200);
    return adminImageView(record, this.urls);
  }

  /** Runs the orphan-file GC now (it also runs on a timer). */
  @Post('gc')
  @Roles('admin')
  @HttpCode(200)
  collectGarbage() {
    return this.gc.collect();
  }

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

  /** A variant's bytes, streamed from storage, for a URL signed by this service (FastDFS anti-steal token). */
  @Get(':id/:variant')
  @Public()
  async serve(
    @Param() params: ImageVariantParams,
    @Query() query: SignedUrlQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const name = parseVariantName(params.variant);
    if (!name)
      throw ImageProblems.notFound(
        `variant ${params.variant}: the sizes are thumb, list and detail, as .webp or .jpg`,
      );
    const variant = await this.images.variant(params.id, name);
    if (!variant) throw ImageProblems.notFound(`image ${params.id}`);
    const check = this.urls.check(variant, query);
    if (check === 'expired') throw ImageProblems.signatureExpired();
    if (check === 'invalid') throw ImageProblems.signatureInvalid();
    const { size, stream } = await this.images.openStored(variant.objectId);
    await reply
      .header('content-type', VARIANT_CONTENT_TYPE[variant.format])
      .header('content-length', size)
      .header('cache-control', `private, max-age=${this.config.IMAGES_URL_TTL_SECONDS}`)
      .header('x-content-type-options', 'nosniff')
      .send(stream);
  }

  private async found(id: string): Promise<ImageRecord> {
    const record = await this.images.find(id);
    if (!record) throw ImageProblems.notFound(`image ${id}`);
    return record;
  }

  /**
   * The one part `file`, and a check that nothing follows it. Parts are read in order, so another part can
   * only be seen once the file has been received; the service runs the check before storing anything.
   */
  private async filePart(
    request: FastifyRequest,
  ): Promise<{ part: MultipartFile; nothingAfter: () => Promise<void> }> {
    if (!request.isMultipart()) throw ImageProblems.notMultipart();
    // Room for one part more than accepted, so the extra one arrives with its name and can be named.
    const parts = request.parts({
      limits: { fileSize: this.config.IMAGES_MAX_UPLOAD_BYTES, files: 2, fields: 1, parts: 2 },
    });
    const next = () =>
      parts.next().catch((error: Error) => {
        throw ImageProblems.malformedUpload(error.message);
      });
    const first = await next();
    if (first.done) throw ImageProblems.missingFile();
    const part = first.value;
    if (part.type !== 'file' || part.fieldname !== 'file') {
      if (part.type === 'file') part.file.resume();
      throw ImageProblems.unexpectedPart(part.fieldname);
    }
    const nothingAfter = async () => {
      const after = await next();
      if (after.done) return;
      if (after.value.type === 'file') after.value.file.resume();
      throw ImageProblems.extraPart(after.value.fieldname);
    };
    return { part, nothingAfter };
  }
}
