import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ProblemResponses, Public } from '@harvest/platform/http';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { IMAGES_CONFIG, type ImagesConfig } from '../config/images.config';
import { ImageUrlsService } from '../image-urls/image-urls.service';
import { ImageNotFoundError } from '../images/domain/image.errors';
import { parseVariantName } from './domain/variant-presets';
import { SignedUrlQuery } from './dto/signed-url-query.dto';
import { ImageVariantParams } from './dto/variant-params.dto';
import { VARIANT_CONTENT_TYPE } from './image-rendering';
import { VariantsService } from './variants.service';

@Controller('images')
export class VariantsController {
  constructor(
    private readonly variants: VariantsService,
    private readonly urls: ImageUrlsService,
    @Inject(IMAGES_CONFIG) private readonly config: ImagesConfig,
  ) {}

  /** A variant's bytes, streamed from storage, for a URL signed by this service (FastDFS anti-steal token). */
  @Get(':id/:variant')
  @Public()
  @ApiProduces(...Object.values(VARIANT_CONTENT_TYPE))
  @ApiOkResponse({
    description: "The variant's bytes (`thumb.webp`, `list.jpg`, ...), for a URL signed by this service.",
    content: Object.fromEntries(
      Object.values(VARIANT_CONTENT_TYPE).map((type) => [
        type,
        { schema: { type: 'string', format: 'binary' } },
      ]),
    ),
  })
  @ProblemResponses({
    403: ['signed-url-invalid', 'signed-url-expired'],
    404: ['not-found'],
    503: ['image-storage-unavailable'],
  })
  async serve(
    @Param() params: ImageVariantParams,
    @Query() query: SignedUrlQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const name = parseVariantName(params.variant);
    if (!name)
      throw new ImageNotFoundError(
        `variant ${params.variant}: the sizes are thumb, list and detail, as .webp or .jpg`,
      );
    const variant = await this.variants.variant(params.id, name);
    if (!variant) throw new ImageNotFoundError(`image ${params.id}`);
    this.urls.requireSigned(variant, query);
    const { size, stream } = await this.variants.openStored(variant.objectId);
    await reply
      .header('content-type', VARIANT_CONTENT_TYPE[variant.format])
      .header('content-length', size)
      .header('cache-control', `private, max-age=${this.config.IMAGES_URL_TTL_SECONDS}`)
      .header('x-content-type-options', 'nosniff')
      .send(stream);
  }
}
