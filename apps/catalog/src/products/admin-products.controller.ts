import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ProblemResponses, Roles } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { AdminListingQueryDto } from './dto/listing-query.dto';
import { CreateProductDto, ProductInputDto } from './dto/product-input.dto';
import { adminProductView } from './product.view';
import { etagOf, versionFromIfMatch } from './domain/product-version';
import { ProductsService, type ProductWithSkus } from './products.service';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { AdminProductListView, AdminProductView, ETAG, VERSIONED_WRITE } from './dto/product-views.dto';

/** Catalog administration. Updates and archiving need If-Match with the ETag last read (428 without, 412 if stale). */
@Controller('admin/products')
@Roles('admin')
export class AdminProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: AdminProductView, headers: ETAG })
  @ProblemResponses({ 409: ['product-exists', 'sku-exists'] })
  @Idempotent()
  async create(@Body() body: CreateProductDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return withEtag(reply, await this.products.create(body));
  }

  /** Every status, newest first, by cursor; without SKUs (GET :id has them, with the ETag). */
  @Get()
  @ApiOkResponse({ type: AdminProductListView })
  async list(@Query() query: AdminListingQueryDto) {
    const { products, nextCursor } = await this.products.list(query);
    return {
      items: products.map(({ id, name, categoryId, farmId, status, minPriceFen, version }) => ({
        id,
        name,
        categoryId,
        farmId,
        status,
        minPriceFen,
        version,
      })),
      nextCursor,
    };
  }

  @Get(':id')
  @ApiOkResponse({ type: AdminProductView, headers: ETAG })
  @ProblemResponses({ 404: ['product-not-found'] })
  async get(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return withEtag(reply, await this.products.find(id));
  }

  @Put(':id')
  @ApiOkResponse({ type: AdminProductView, headers: ETAG })
  @ProblemResponses(VERSIONED_WRITE)
  @ProblemResponses({ 404: ['product-not-found'], 409: ['sku-exists'] })
  @Idempotent()
  async update(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ProductInputDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.products.update(id, versionFromIfMatch(ifMatch), body));
  }

  /** Archives (products are never deleted: orders and search history refer to them). */
  @Delete(':id')
  @ApiOkResponse({ type: AdminProductView, headers: ETAG })
  @ProblemResponses(VERSIONED_WRITE)
  @ProblemResponses({ 404: ['product-not-found'] })
  async archive(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.products.archive(id, versionFromIfMatch(ifMatch)));
  }
}

function withEtag(reply: FastifyReply, { product, skus }: ProductWithSkus) {
  void reply.header('ETag', etagOf(product.version));
  return adminProductView(product, skus);
}
