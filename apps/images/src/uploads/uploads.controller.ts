import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { IMAGES_CONFIG, type ImagesConfig } from '../config/images.config';
import { ImageUrlsService } from '../image-urls/image-urls.service';
import { adminImageView } from '../images/dto/image-views';
import { AdminImageView } from '../images/dto/image-views.dto';
import { filePartOf, receiveImage, uploadLimits } from './upload-request';
import { UploadsService } from './uploads.service';

@Controller('images')
export class UploadsController {
  constructor(
    private readonly uploads: UploadsService,
    private readonly urls: ImageUrlsService,
    @Inject(IMAGES_CONFIG) private readonly config: ImagesConfig,
  ) {}

  /** Staff upload: multipart/form-data with one part `file`. 201 for a new image, 200 when the same bytes exist. */
  @Post()
  @Roles('admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'A JPEG, PNG or WebP image.' } },
    },
  })
  @ApiCreatedResponse({ type: AdminImageView, description: 'A new image, its variants rendered.' })
  @ApiOkResponse({ type: AdminImageView, description: 'The same bytes were uploaded before: that image.' })
  @ProblemResponses({
    400: ['malformed-upload', 'validation-failed'],
    413: ['image-too-large'],
    415: ['not-multipart', 'unsupported-image-type'],
    422: ['undecodable-image', 'image-pixel-limit'],
    503: ['image-storage-unavailable'],
  })
  async upload(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ) {
    const file = await filePartOf(request, this.config.IMAGES_MAX_UPLOAD_BYTES);
    const received = await receiveImage(file, uploadLimits(this.config));
    const { record, created } = await this.uploads.upload(received, principal.subject);
    reply.status(created ? 201 : 200);
    return adminImageView(record, this.urls);
  }
}
